package vn.canhbao.ops.alerts;

/** What applying one transition did to the store. */
public enum ApplyOutcome {
    /** A new transition that became the current state of its alert. */
    APPLIED,
    /** The same (alertId, revision) was already stored: ignored. */
    DUPLICATE,
    /**
     * A transition not seen before, kept in the history, but older than the current state, which it
     * does not roll back.
     */
    STALE
}
