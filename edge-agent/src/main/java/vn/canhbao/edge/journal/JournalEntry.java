package vn.canhbao.edge.journal;

import java.util.Objects;

/**
 * One record handed out for sending.
 *
 * @param id journal id, increasing in append order across all priorities and restarts
 * @param priority its class
 * @param payload the bytes appended, unchanged (a copy: the caller may keep it)
 * @param readings how many readings the payload holds (for counters and the replay limit)
 */
public record JournalEntry(long id, Priority priority, byte[] payload, int readings) {
    public JournalEntry {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
    }
}
