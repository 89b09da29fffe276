package vn.canhbao.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.hazards.alert.AlertLifecycle;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.hazards.flood.RateOfRiseRule;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.flood.StageSample;
import vn.canhbao.hazards.landslide.MovementParams;
import vn.canhbao.hazards.landslide.MovementState;
import vn.canhbao.hazards.landslide.MovementTracker;
import vn.canhbao.hazards.qc.QcParams;
import vn.canhbao.hazards.qc.QcSample;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.hazards.qc.QualityControl;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainParams;
import vn.canhbao.hazards.rain.RainState;
import vn.canhbao.hazards.wind.WindRule;

/**
 * Serialized size (shared JSON mapper) of each full per-sensor state, after a long run of data. The
 * figures are printed for the README and bounded so a regression fails.
 */
class StateSizeTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    private static int size(Object o) throws Exception {
        int n = Json.mapper().writeValueAsBytes(o).length;
        System.out.println("state-size " + o.getClass().getSimpleName() + " " + n + " bytes");
        return n;
    }

    @Test
    void everyPerSensorStateStaysWellUnderFiveKilobytes() throws Exception {
        QcParams qp = QcParams.defaultsFor(Quantity.WATER_LEVEL, Duration.ofSeconds(60));
        QcState qc = QcState.EMPTY;
        RainState rain = RainState.EMPTY;
        RiseState rise = RiseState.EMPTY;
        MovementState ext = MovementState.empty(MovementParams.extensometer());
        WindRule wind = WindRule.defaults();
        WindRule.State ws = WindRule.State.EMPTY;
        RateOfRiseRule rr = new RateOfRiseRule(RateOfRiseParams.defaults());
        var thresholds =
                new vn.canhbao.contracts.FloodThresholds(
                        2,
                        3,
                        4,
                        java.util.OptionalDouble.empty(),
                        0,
                        vn.canhbao.contracts.ThresholdProvenance.LOCAL_ESTIMATE);
        LifecycleState ls = LifecycleState.EMPTY;
        AlertLifecycle lc = AlertLifecycle.identity();
        for (int m = 0; m < 4 * 24 * 60; m++) {
            Instant t = T0.plus(Duration.ofMinutes(m));
            double v = 2 + Math.sin(m / 50.0) * 1.5 + (m % 7) * 0.01;
            qc = QualityControl.evaluate(qc, new QcSample(v, t, m), qp).state();
            rain = RainAccumulator.add(rain, (m % 13) * 0.37, t, RainParams.defaults());
            rise =
                    rr.evaluate(rise, new StageSample(SensorId.of("wl"), v, t, m), thresholds)
                            .state();
            ext =
                    MovementTracker.add(
                            ext, m * 0.05 + (m % 3) * 0.01, t, MovementParams.extensometer());
            ws = wind.evaluate(ws, SensorId.of("an"), 12 + (m % 9), t, m).state();
            ls =
                    lc.evaluate(ls, (m / 100) % 3, (m / 100) % 3, t, LifecycleParams.defaults())
                            .state();
        }
        assertThat(size(qc)).isLessThan(300);
        assertThat(size(rain)).isLessThan(3000);
        assertThat(size(rise)).isLessThan(1500);
        assertThat(size(ext)).isLessThan(1200);
        assertThat(size(ws)).isLessThan(1000);
        assertThat(size(ls)).isLessThan(500);
    }
}
