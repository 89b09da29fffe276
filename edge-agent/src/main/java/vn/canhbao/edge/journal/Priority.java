package vn.canhbao.edge.journal;

/**
 * Priority class of a journal record.
 *
 * <p>Drain order: {@link #ALERT} first, then {@link #TELEMETRY}, then {@link #DIAGNOSTIC}; within a
 * class, append order. Eviction order when the journal is full: {@link #DIAGNOSTIC} first (oldest
 * first), then {@link #TELEMETRY}; an {@link #ALERT} is evicted only when no record of another
 * class is left.
 */
public enum Priority {
    ALERT,
    TELEMETRY,
    DIAGNOSTIC;

    private static final Priority[] VALUES = values();

    /** The priority stored as {@code code} on disk, or null for an unknown code. */
    static Priority ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    int code() {
        return ordinal();
    }
}
