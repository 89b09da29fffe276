package vn.canhbao.hazards.flood;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteId;

/**
 * One transition of a flood alert episode decided by {@link FloodStageRule}.
 *
 * @param state raised, updated (level changed) or cleared
 * @param stage the stage the episode stands at after the transition; for {@code CLEARED} the stage
 *     it was cleared from
 * @param level the risk level after the transition; for {@code CLEARED} the level that ended
 * @param episodeStart event time of the reading that opened the episode
 * @param revision 0 for {@code RAISED}, +1 for each later transition of the same episode
 * @param time event time of the reading that caused the transition
 * @param evidence the samples behind the decision, with the threshold each was compared to
 * @param ruleId the rule, from the table
 * @param ruleVersion the table version
 */
public record FloodTransition(
        AlertState state,
        FloodStage stage,
        RiskLevel level,
        Instant episodeStart,
        int revision,
        Instant time,
        List<Evidence> evidence,
        String ruleId,
        String ruleVersion) {

    public FloodTransition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(episodeStart, "episodeStart");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
        if ((state == AlertState.RAISED) != (revision == 0)) {
            throw new IllegalArgumentException(
                    "revision: 0 if and only if raised (got " + revision + " for " + state + ")");
        }
    }

    /** The deterministic alert id of this episode at {@code site}. */
    public String alertId(SiteId site) {
        return AlertEvent.idFor(site, Hazard.FLOOD, ruleId, episodeStart);
    }

    /**
     * The contracts event for this transition: a local sensor alert ({@code localSensorAlert =
     * true}), never an official bulletin.
     *
     * @param emittedAt processing time, the only non-deterministic field
     */
    public AlertEvent toAlertEvent(SiteId site, Instant emittedAt) {
        return new AlertEvent(
                alertId(site),
                revision,
                site,
                Hazard.FLOOD,
                ruleId,
                ruleVersion,
                episodeStart,
                level,
                state,
                time,
                emittedAt,
                evidence,
                true);
    }
}
