package vn.canhbao.hazards.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.SiteId;

/**
 * A lifecycle transition of one rule with its evidence, ready to become a {@code cb.alerts.v1}
 * event. Every event it makes is a local sensor alert ({@code localSensorAlert = true}), never an
 * official bulletin.
 *
 * @param change the lifecycle transition
 * @param hazard the hazard
 * @param ruleId the rule (part of the alert id)
 * @param ruleVersion the rule or table version
 * @param evidence the readings behind the decision, with the threshold each was compared to
 */
public record AlertTransition(
        LifecycleChange change,
        Hazard hazard,
        String ruleId,
        String ruleVersion,
        List<Evidence> evidence) {
    public AlertTransition {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(hazard, "hazard");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    }

    /** The deterministic alert id of this episode at {@code site}. */
    public String alertId(SiteId site) {
        return AlertEvent.idFor(site, hazard, ruleId, change.episodeStart());
    }

    /**
     * @param emittedAt processing time, the only non-deterministic field
     */
    public AlertEvent toAlertEvent(SiteId site, Instant emittedAt) {
        return new AlertEvent(
                alertId(site),
                change.revision(),
                site,
                hazard,
                ruleId,
                ruleVersion,
                change.episodeStart(),
                change.level(),
                change.state(),
                change.time(),
                emittedAt,
                evidence,
                true);
    }
}
