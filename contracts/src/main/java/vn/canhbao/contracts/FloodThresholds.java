package vn.canhbao.contracts;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A site's flood alarm levels (báo động I, II, III), as stage in metres above the gauge datum. A
 * sensor's raw reading becomes a stage through its {@link SensorConfig} calibration; the two are
 * kept apart so a re-surveyed sensor does not change the legal levels.
 *
 * @param alarm1 BĐ I, metres above datum
 * @param alarm2 BĐ II, above {@code alarm1}
 * @param alarm3 BĐ III, above {@code alarm2}
 * @param historical the historical flood stage, if known, above {@code alarm3}
 * @param gaugeDatum the gauge datum's elevation in metres (national height system), for display
 * @param provenance who set the levels
 */
public record FloodThresholds(
        double alarm1,
        double alarm2,
        double alarm3,
        OptionalDouble historical,
        double gaugeDatum,
        ThresholdProvenance provenance) {
    public FloodThresholds {
        Objects.requireNonNull(historical, "historical");
        Objects.requireNonNull(provenance, "provenance");
        if (!Double.isFinite(alarm1)) {
            throw new ContractViolation(
                    "flood.alarm1", alarm1, "expected a finite stage in metres");
        }
        if (!(alarm2 > alarm1)) {
            throw new ContractViolation(
                    "flood.alarm2", alarm2, "must be above alarm1 (" + alarm1 + ")");
        }
        if (!(alarm3 > alarm2) || !Double.isFinite(alarm3)) {
            throw new ContractViolation(
                    "flood.alarm3", alarm3, "must be above alarm2 (" + alarm2 + ")");
        }
        if (historical.isPresent() && !(historical.getAsDouble() > alarm3)) {
            throw new ContractViolation(
                    "flood.historical",
                    historical.getAsDouble(),
                    "must be above alarm3 (" + alarm3 + ")");
        }
        if (!Double.isFinite(gaugeDatum)) {
            throw new ContractViolation(
                    "flood.gaugeDatum", gaugeDatum, "expected a finite elevation in metres");
        }
    }
}
