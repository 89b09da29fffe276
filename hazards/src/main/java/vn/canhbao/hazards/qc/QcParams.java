package vn.canhbao.hazards.qc;

import java.time.Duration;
import java.util.Objects;
import vn.canhbao.contracts.Quantity;

/**
 * QARTOD test limits for one sensor (NOAA/IOOS QARTOD water level manual v2.1, 2021: gap, gross
 * range, spike, rate of change, flat line). Defaults per quantity are canhbao starting values, to
 * be tuned per site; a limit of {@code +Infinity} (or a count of 0) disables its test.
 *
 * @param failMin below this the value fails (sensor span)
 * @param failMax above this the value fails
 * @param suspectMin below this the value is suspect (site's plausible range)
 * @param suspectMax above this the value is suspect
 * @param spikeSuspect QARTOD spike statistic {@code |V2 − (V1+V3)/2| − |(V3 − V1)/2|} at or above
 *     this is suspect; a step larger than this from the last good value is held one sample for it
 * @param spikeFail spike statistic at or above this fails
 * @param rateOfChangePerHour a change faster than this (units per hour) is suspect
 * @param flatLineSuspect this many consecutive values within {@code flatLineTolerance} are suspect
 *     (0 disables)
 * @param flatLineFail this many fail (0 disables)
 * @param flatLineTolerance the width of "the same value"
 * @param expectedInterval the sensor's reporting interval
 * @param gapFactor silence longer than {@code gapFactor × expectedInterval} is a gap (missing)
 */
public record QcParams(
        double failMin,
        double failMax,
        double suspectMin,
        double suspectMax,
        double spikeSuspect,
        double spikeFail,
        double rateOfChangePerHour,
        int flatLineSuspect,
        int flatLineFail,
        double flatLineTolerance,
        Duration expectedInterval,
        double gapFactor) {

    public QcParams {
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        if (!(failMin <= suspectMin && suspectMin <= suspectMax && suspectMax <= failMax)) {
            throw new IllegalArgumentException(
                    "suspectMin/suspectMax: expected failMin <= suspectMin <= suspectMax <= failMax"
                            + " (got "
                            + failMin
                            + ", "
                            + suspectMin
                            + ", "
                            + suspectMax
                            + ", "
                            + failMax
                            + ")");
        }
        if (!(spikeSuspect > 0 && spikeFail >= spikeSuspect)) {
            throw new IllegalArgumentException(
                    "spikeFail: expected 0 < spikeSuspect <= spikeFail (got "
                            + spikeSuspect
                            + ", "
                            + spikeFail
                            + ")");
        }
        if (!(rateOfChangePerHour > 0)) {
            throw new IllegalArgumentException(
                    "rateOfChangePerHour: expected more than 0 (got " + rateOfChangePerHour + ")");
        }
        if (flatLineSuspect < 0 || flatLineFail < 0 || flatLineTolerance < 0) {
            throw new IllegalArgumentException(
                    "flatLine: expected counts and tolerance of 0 or more (got "
                            + flatLineSuspect
                            + ", "
                            + flatLineFail
                            + ", "
                            + flatLineTolerance
                            + ")");
        }
        if (expectedInterval.isZero() || expectedInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "expectedInterval: expected more than zero (got " + expectedInterval + ")");
        }
        if (!(gapFactor >= 1)) {
            throw new IllegalArgumentException(
                    "gapFactor: expected 1 or more (got " + gapFactor + ")");
        }
    }

    /** The longest silence that is not a gap. */
    public Duration gapLimit() {
        return Duration.ofMillis(gapLimitMillis());
    }

    /** {@link #gapLimit()} in milliseconds, without a {@code Duration} (asked per reading). */
    public long gapLimitMillis() {
        return (long) (expectedInterval.toMillis() * gapFactor);
    }

    /** canhbao starting limits for a quantity (see the module README for each value's basis). */
    public static QcParams defaultsFor(Quantity quantity, Duration expectedInterval) {
        double inf = Double.POSITIVE_INFINITY;
        double lo = quantity.min();
        double hi = quantity.max();
        return switch (quantity) {
            case WATER_LEVEL ->
                    new QcParams(lo, hi, lo, hi, 0.3, 1.0, 10.0, 60, 360, 0.0, expectedInterval, 3);
            case RAIN -> new QcParams(lo, hi, lo, 30, inf, inf, inf, 0, 0, 0, expectedInterval, 3);
            case SOIL_MOISTURE ->
                    new QcParams(lo, hi, lo, hi, 20, 50, 60, 0, 0, 0, expectedInterval, 3);
            case DISPLACEMENT ->
                    new QcParams(lo, hi, lo, hi, 50, 200, inf, 0, 0, 0, expectedInterval, 3);
            case WIND_SPEED ->
                    new QcParams(lo, hi, lo, 75, inf, inf, inf, 0, 0, 0, expectedInterval, 3);
            default -> new QcParams(lo, hi, lo, hi, inf, inf, inf, 0, 0, 0, expectedInterval, 3);
        };
    }
}
