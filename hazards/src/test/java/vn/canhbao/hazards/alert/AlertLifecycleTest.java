package vn.canhbao.hazards.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteId;

class AlertLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final AlertLifecycle LIFECYCLE = AlertLifecycle.identity();
    private static final LifecycleParams PARAMS =
            new LifecycleParams(2, 3, Duration.ofMinutes(10), Duration.ofMinutes(30));

    private LifecycleState state = LifecycleState.EMPTY;
    private final List<LifecycleChange> changes = new ArrayList<>();

    private void feed(int minute, int candidate, int hold) {
        AlertLifecycle.Result r =
                LIFECYCLE.evaluate(
                        state, candidate, hold, T0.plus(Duration.ofMinutes(minute)), PARAMS);
        state = r.state();
        r.change().ifPresent(changes::add);
    }

    private void feed(int minute, int grade) {
        feed(minute, grade, grade);
    }

    @Test
    void aSingleCandidateDoesNotRaiseButTwoOfThreeDo() {
        feed(0, 1);
        assertThat(changes).isEmpty();
        feed(1, 0);
        feed(2, 1);
        assertThat(changes)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.state()).isEqualTo(AlertState.RAISED);
                            assertThat(c.level()).isEqualTo(RiskLevel.LEVEL_1);
                            assertThat(c.episodeStart()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
                            assertThat(c.revision()).isZero();
                        });
    }

    @Test
    void escalatesAtOnceAndDeEscalatesOnlyAfterDwellAndClearTime() {
        feed(0, 1);
        feed(1, 1);
        feed(2, 3);
        feed(3, 3);
        assertThat(changes)
                .extracting(LifecycleChange::level)
                .containsExactly(RiskLevel.LEVEL_1, RiskLevel.LEVEL_3);
        // below 3 from minute 4; clear time 10 min is met at 14 but the dwell (30 min at 3) is not
        for (int m = 4; m <= 32; m++) {
            feed(m, 2);
        }
        assertThat(changes).hasSize(2);
        feed(33, 2);
        assertThat(changes).hasSize(3);
        assertThat(changes.get(2).state()).isEqualTo(AlertState.UPDATED);
        assertThat(changes.get(2).level()).isEqualTo(RiskLevel.LEVEL_2);
        assertThat(changes.get(2).revision()).isEqualTo(2);
    }

    @Test
    void oscillatingAroundAGradeDoesNotFlap() {
        feed(0, 1);
        feed(1, 1);
        for (int m = 2; m < 120; m++) {
            feed(m, m % 2, 1); // candidate flips 0/1 but the deadband still holds 1
        }
        assertThat(changes).hasSize(1);
    }

    @Test
    void clearsAfterClearTimeBelowAndANewEpisodeGetsANewId() {
        feed(0, 1);
        feed(1, 1);
        for (int m = 2; m <= 45; m++) {
            feed(m, 0);
        }
        assertThat(changes)
                .extracting(LifecycleChange::state)
                .containsExactly(AlertState.RAISED, AlertState.CLEARED);
        assertThat(state).isEqualTo(LifecycleState.EMPTY);
        feed(50, 1);
        feed(51, 1);
        SiteId site = SiteId.of("nam-cang");
        String first = AlertEvent.idFor(site, Hazard.LANDSLIDE, "x", changes.get(0).episodeStart());
        String second =
                AlertEvent.idFor(site, Hazard.LANDSLIDE, "x", changes.get(2).episodeStart());
        assertThat(second).isNotEqualTo(first);
        assertThat(changes.get(1).revision()).isEqualTo(1);
    }

    @Test
    void aTransitionBecomesALocalSensorAlertEventWithTheDeterministicId() {
        feed(0, 2);
        feed(1, 2);
        AlertTransition t =
                new AlertTransition(
                        changes.get(0), Hazard.LANDSLIDE, "landslide.combined", "v1", List.of());
        AlertEvent e = t.toAlertEvent(SiteId.of("ta-van"), T0);
        assertThat(e.localSensorAlert()).isTrue();
        assertThat(e.alertId())
                .isEqualTo(
                        AlertEvent.idFor(
                                SiteId.of("ta-van"),
                                Hazard.LANDSLIDE,
                                "landslide.combined",
                                T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void stateRoundTripsThroughTheSharedJsonMapper() throws Exception {
        feed(0, 2);
        feed(1, 2);
        feed(2, 0);
        String json = Json.mapper().writeValueAsString(state);
        assertThat(Json.mapper().readValue(json, LifecycleState.class)).isEqualTo(state);
        assertThat(json.length()).isLessThan(300);
        assertThat(state.episode()).isNotEqualTo(Optional.empty());
    }
}
