package vn.canhbao.stream.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.stream.DemoSites;

/**
 * An expected alert timeline: transitions (hazard, state, level) in order, each at an event time
 * (minutes after {@link DemoSites#T0}) within a tolerance.
 */
public final class Timeline {
    /** One expected transition. */
    public record Step(String hazard, String state, int level, double minute) {
        @Override
        public String toString() {
            return hazard + ":" + state + ":" + level + "@" + minute;
        }
    }

    private final List<Step> steps = new ArrayList<>();

    public static Timeline expect() {
        return new Timeline();
    }

    public Timeline then(String hazard, String state, int level, double minute) {
        steps.add(new Step(hazard, state, level, minute));
        return this;
    }

    /** The transitions of {@code alerts}, repeats (same id and revision) dropped. */
    public static List<Step> of(List<AlertEvent> alerts) {
        Map<String, AlertEvent> unique = new LinkedHashMap<>();
        alerts.forEach(a -> unique.putIfAbsent(a.alertId() + "#" + a.revision(), a));
        List<Step> out = new ArrayList<>();
        for (AlertEvent a : unique.values()) {
            out.add(
                    new Step(
                            a.hazard().wireName(),
                            a.state().wireName(),
                            a.level().number(),
                            Duration.between(DemoSites.T0, a.time()).toMillis() / 60_000.0));
        }
        return out;
    }

    /** Asserts the same transitions in the same order, each within {@code toleranceMinutes}. */
    public void matches(List<AlertEvent> alerts, double toleranceMinutes) {
        matches(alerts, toleranceMinutes, steps.stream().map(Step::hazard).distinct().toList());
    }

    /**
     * As {@link #matches(List, double)} for the alerts of {@code hazards} only (the expected steps
     * must be about those hazards).
     */
    public void matches(List<AlertEvent> alerts, double toleranceMinutes, List<String> hazards) {
        List<Step> actual = of(alerts).stream().filter(s -> hazards.contains(s.hazard())).toList();
        assertThat(actual)
                .as("transitions (hazard:state:level@minute) of %s", actual)
                .extracting(s -> s.hazard() + ":" + s.state() + ":" + s.level())
                .containsExactlyElementsOf(
                        steps.stream()
                                .map(s -> s.hazard() + ":" + s.state() + ":" + s.level())
                                .toList());
        for (int i = 0; i < steps.size(); i++) {
            assertThat(actual.get(i).minute())
                    .as("minute of %s (actual timeline %s)", steps.get(i), actual)
                    .isCloseTo(
                            steps.get(i).minute(),
                            org.assertj.core.data.Offset.offset(toleranceMinutes));
        }
    }

    /** The alerts of one rule (rule ids of device alerts carry the device: a prefix matches). */
    public static List<AlertEvent> ofRule(List<AlertEvent> alerts, String rulePrefix) {
        return alerts.stream().filter(a -> a.ruleId().startsWith(rulePrefix)).toList();
    }
}
