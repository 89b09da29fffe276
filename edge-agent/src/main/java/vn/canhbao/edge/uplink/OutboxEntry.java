package vn.canhbao.edge.uplink;

import java.util.Objects;

/**
 * One encoded telemetry batch waiting for the broker's acknowledgement.
 *
 * @param id position in the outbox, increasing in the order batches were added
 * @param payload the SenML pack, never modified
 * @param readings how many readings the pack holds
 * @param firstSeq sequence number of its first reading
 * @param lastSeq sequence number of its last reading
 */
public record OutboxEntry(long id, byte[] payload, int readings, long firstSeq, long lastSeq) {
    public OutboxEntry {
        Objects.requireNonNull(payload, "payload");
    }
}
