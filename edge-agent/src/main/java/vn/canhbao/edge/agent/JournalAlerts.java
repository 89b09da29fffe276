package vn.canhbao.edge.agent;

import java.time.Duration;
import java.util.Objects;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.warn.AlertJournal;

/**
 * Alert events into the durable journal at {@link Priority#ALERT}: appended, fsynced ({@link
 * Journal#awaitDurable}, at most {@link #DURABLE_TIMEOUT}), then the uplink is woken, which sends
 * alerts before any telemetry backlog.
 */
final class JournalAlerts implements AlertJournal {
    static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(5);

    private final Journal journal;
    private final MqttUplink uplink;

    JournalAlerts(Journal journal, MqttUplink uplink) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.uplink = Objects.requireNonNull(uplink, "uplink");
    }

    @Override
    public void appendDurably(byte[] payload) {
        long id = journal.append(Priority.ALERT, payload, 0);
        try {
            if (!journal.awaitDurable(id, DURABLE_TIMEOUT)) {
                throw new IllegalStateException(
                        "alert record " + id + " not durable within " + DURABLE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making alert " + id + " durable", e);
        } finally {
            uplink.wakeUp();
        }
    }
}
