package vn.canhbao.hazards.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;

class QualityControlTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final QcParams LEVEL =
            QcParams.defaultsFor(Quantity.WATER_LEVEL, Duration.ofSeconds(60));

    private QcState state = QcState.EMPTY;
    private final List<QcResult> out = new ArrayList<>();

    private void feed(int minute, double value, QcParams p) {
        QualityControl.Output o =
                QualityControl.evaluate(
                        state, new QcSample(value, T0.plus(Duration.ofMinutes(minute)), minute), p);
        state = o.state();
        out.addAll(o.results());
    }

    private void feed(int minute, double value) {
        feed(minute, value, LEVEL);
    }

    private List<Double> usableValues() {
        return out.stream().filter(QcResult::usable).map(r -> r.sample().value()).toList();
    }

    @Test
    void steadyValuesPassAtOnce() {
        feed(0, 1.00);
        feed(1, 1.01);
        feed(2, 1.02);
        assertThat(out).extracting(QcResult::flag).containsOnly(QcFlag.PASS).hasSize(3);
    }

    @Test
    void aLoneSpikeThatReturnsToTheBaselineFailsAndIsNotUsed() {
        feed(0, 1.00);
        feed(1, 1.01);
        feed(2, 3.50); // held
        assertThat(out).hasSize(2);
        feed(3, 1.02);
        assertThat(out.get(2).flag()).isEqualTo(QcFlag.FAIL);
        assertThat(out.get(2).reasons()).contains("spike");
        assertThat(usableValues()).containsExactly(1.00, 1.01, 1.02);
    }

    @Test
    void aRealFlashFloodRiseIsNotFilteredOnlyDelayedOneSample() {
        double[] rise = {0.5, 0.5, 1.0, 1.6, 2.3, 3.1, 3.8, 4.2, 4.3, 4.3};
        for (int m = 0; m < rise.length; m++) {
            feed(m, rise[m]);
        }
        // every value of the rise is released usable, in order; the last step is released once
        // confirmed, so only the newest big step may still be held
        assertThat(usableValues())
                .containsExactly(0.5, 0.5, 1.0, 1.6, 2.3, 3.1, 3.8, 4.2, 4.3, 4.3);
        assertThat(out).noneMatch(r -> r.flag() == QcFlag.FAIL);
    }

    @Test
    void aStepUpThatStaysUpPasses() {
        feed(0, 1.0);
        feed(1, 3.0);
        feed(2, 3.05);
        assertThat(usableValues()).containsExactly(1.0, 3.0, 3.05);
    }

    @Test
    void aHeldStepWithNoNextSampleIsReleasedAsSuspectAfterTheGapLimit() {
        feed(0, 1.0);
        feed(1, 4.0);
        assertThat(QualityControl.expire(state, T0.plus(Duration.ofMinutes(2)), LEVEL)).isEmpty();
        QualityControl.Output o =
                QualityControl.expire(state, T0.plus(Duration.ofMinutes(5)), LEVEL).orElseThrow();
        assertThat(o.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.flag()).isEqualTo(QcFlag.SUSPECT);
                            assertThat(r.sample().value()).isEqualTo(4.0);
                        });
    }

    @Test
    void outOfRangeValuesFailAndNonFiniteValuesFail() {
        feed(0, 600);
        feed(1, Double.NaN);
        assertThat(out).extracting(QcResult::flag).containsExactly(QcFlag.FAIL, QcFlag.FAIL);
        assertThat(out.get(0).reasons()).containsExactly("gross_range");
    }

    @Test
    void aFlatLineBecomesSuspectThenFails() {
        QcParams p =
                new QcParams(-50, 500, -50, 500, 0.3, 1, 10, 3, 5, 0.0, Duration.ofSeconds(60), 3);
        for (int m = 0; m < 5; m++) {
            feed(m, 2.0, p);
        }
        assertThat(out)
                .extracting(QcResult::flag)
                .containsExactly(
                        QcFlag.PASS, QcFlag.PASS, QcFlag.SUSPECT, QcFlag.SUSPECT, QcFlag.FAIL);
    }

    @Test
    void aFastRiseBelowTheSpikeLimitIsSuspectByRateOfChange() {
        QcParams p =
                new QcParams(-50, 500, -50, 500, 0.3, 1, 6, 0, 0, 0.0, Duration.ofSeconds(60), 3);
        feed(0, 1.0, p);
        feed(1, 1.2, p); // 12 m/h
        assertThat(out.get(1).flag()).isEqualTo(QcFlag.SUSPECT);
        assertThat(out.get(1).reasons()).containsExactly("rate_of_change");
        assertThat(out.get(1).usable()).isTrue();
    }

    @Test
    void aGapYieldsAMissingMarkerAndSilenceIsUnknownNeverSafe() {
        assertThat(QualityControl.status(state, T0, LEVEL)).isEqualTo(QcFlag.MISSING);
        feed(0, 1.0);
        assertThat(QualityControl.status(state, T0.plusSeconds(120), LEVEL)).isEqualTo(QcFlag.PASS);
        assertThat(QualityControl.status(state, T0.plusSeconds(600), LEVEL))
                .isEqualTo(QcFlag.MISSING);
        feed(30, 1.1);
        assertThat(out)
                .extracting(QcResult::flag)
                .containsExactly(QcFlag.PASS, QcFlag.MISSING, QcFlag.PASS);
        assertThat(out.get(1).usable()).isFalse();
        assertThat(out.get(1).reasons()).containsExactly("gap");
    }

    @Test
    void lateValuesGetTheRangeTestOnlyAndLeaveTheStateUnchanged() {
        feed(5, 1.0);
        QcState before = state;
        feed(3, 1.5);
        assertThat(state).isEqualTo(before);
        assertThat(out.get(1).reasons()).contains("late");
    }

    @Test
    void rainIsNotSpikeOrFlatLineTested() {
        QcParams rain = QcParams.defaultsFor(Quantity.RAIN, Duration.ofSeconds(60));
        for (int m = 0; m < 100; m++) {
            feed(m, m % 7 == 0 ? 12.0 : 0.0, rain);
        }
        assertThat(out).extracting(QcResult::flag).containsOnly(QcFlag.PASS);
    }

    @Test
    void stateIsSmallAndRoundTripsThroughTheSharedJsonMapper() throws Exception {
        feed(0, 1.0);
        feed(1, 4.0);
        String json = Json.mapper().writeValueAsString(state);
        assertThat(Json.mapper().readValue(json, QcState.class)).isEqualTo(state);
        assertThat(json.length()).isLessThan(250);
    }
}
