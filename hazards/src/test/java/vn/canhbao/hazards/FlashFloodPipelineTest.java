package vn.canhbao.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.ThresholdProvenance;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.hazards.flood.RateOfRiseRule;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.flood.StageSample;
import vn.canhbao.hazards.qc.QcParams;
import vn.canhbao.hazards.qc.QcResult;
import vn.canhbao.hazards.qc.QcSample;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.hazards.qc.QualityControl;

/** Quality control in front of the rate-of-rise rule, as a caller chains them. */
class FlashFloodPipelineTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final SensorId WL = SensorId.of("wl-nam-cang");
    private static final FloodThresholds BD =
            new FloodThresholds(
                    2.0, 3.0, 4.0, OptionalDouble.empty(), 0.0, ThresholdProvenance.LOCAL_ESTIMATE);
    private static final QcParams QC =
            QcParams.defaultsFor(Quantity.WATER_LEVEL, Duration.ofSeconds(60));
    private final RateOfRiseRule rule = new RateOfRiseRule(RateOfRiseParams.defaults());
    private QcState qc = QcState.EMPTY;
    private RiseState rise = RiseState.EMPTY;
    private final List<AlertTransition> alerts = new ArrayList<>();
    private final List<QcResult> failed = new ArrayList<>();

    private void reading(int minute, double metres) {
        QualityControl.Output o =
                QualityControl.evaluate(
                        qc, new QcSample(metres, T0.plus(Duration.ofMinutes(minute)), minute), QC);
        qc = o.state();
        for (QcResult r : o.results()) {
            if (!r.usable()) {
                failed.add(r);
                continue;
            }
            StageSample s =
                    new StageSample(WL, r.sample().value(), r.sample().time(), r.sample().seq());
            RateOfRiseRule.Result rr = rule.evaluate(rise, s, BD);
            rise = rr.state();
            rr.transition().ifPresent(alerts::add);
        }
    }

    @Test
    void aRealFlashFloodPassesQualityControlAndRaisesWithinMinutes() {
        for (int m = 0; m < 30; m++) {
            reading(m, 1.2);
        }
        // the stream jumps 0.4 m per minute: every step is held one sample, none is filtered
        for (int m = 30; m <= 45; m++) {
            reading(m, 1.2 + 0.4 * (m - 29));
        }
        assertThat(failed).isEmpty();
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).change().state()).isEqualTo(AlertState.RAISED);
        assertThat(alerts.get(0).change().time()).isBefore(T0.plus(Duration.ofMinutes(40)));
    }

    @Test
    void aTransmissionSpikeIsFailedByQualityControlAndRaisesNothing() {
        for (int m = 0; m < 60; m++) {
            reading(m, m == 30 ? 6.5 : 1.2);
        }
        assertThat(failed)
                .singleElement()
                .satisfies(r -> assertThat(r.reasons()).contains("spike"));
        assertThat(alerts).isEmpty();
    }
}
