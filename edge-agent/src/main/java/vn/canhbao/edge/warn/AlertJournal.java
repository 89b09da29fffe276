package vn.canhbao.edge.warn;

/**
 * Where local warnings store the alert events they produce: the agent's durable journal at alert
 * priority (delivered before any telemetry backlog).
 *
 * <p>Contract: {@link #appendDurably} returns only once the record is on disk (fsync), so an alert
 * survives a power cut right after a siren sounded. It may block for the journal's group-commit
 * interval. Thread-safe.
 */
@FunctionalInterface
public interface AlertJournal {
    /**
     * @param payload the {@code AlertEvent} JSON
     * @throws RuntimeException when the record could not be made durable (disk full, I/O error)
     */
    void appendDurably(byte[] payload);
}
