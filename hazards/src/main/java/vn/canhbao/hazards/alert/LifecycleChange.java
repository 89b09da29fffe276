package vn.canhbao.hazards.alert;

import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.RiskLevel;

/**
 * A transition decided by {@link AlertLifecycle}, before the rule adds its evidence.
 *
 * @param state raised, updated (level changed) or cleared
 * @param grade the grade after the transition; for {@code CLEARED} the grade it was cleared from
 * @param level the risk level after it; for {@code CLEARED} the level that ended
 * @param episodeStart the episode's start (part of the alert id)
 * @param revision 0 for raised, +1 per later transition
 * @param time event time of the evaluation that caused it
 */
public record LifecycleChange(
        AlertState state,
        int grade,
        RiskLevel level,
        Instant episodeStart,
        int revision,
        Instant time) {
    public LifecycleChange {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(episodeStart, "episodeStart");
        Objects.requireNonNull(time, "time");
        if ((state == AlertState.RAISED) != (revision == 0)) {
            throw new IllegalArgumentException(
                    "revision: 0 if and only if raised (got " + revision + " for " + state + ")");
        }
    }
}
