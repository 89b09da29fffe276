package vn.canhbao.hazards.flood;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.hazards.alert.LifecycleParams;

/**
 * Tuning of the flash-flood rate-of-rise rule (DOMAIN-HAZARDS.md section 3 item 2). The rise rates
 * must be calibrated per stream; the defaults are canhbao starting values [?], not an official
 * criterion.
 *
 * @param window the slope window, 15 to 60 minutes (default 30 min)
 * @param minPoints fewest samples in the window for a slope (default 4)
 * @param riseMetresPerHour rise rates for grades 1, 2, 3 (risk levels 1–3, as Article 46's flash
 *     flood levels), ascending (default 0.3, 0.6, 1.0 m/h)
 * @param deadbandFraction a grade is held while the slope stays above {@code (1 − f) ×} its rate
 *     (default 0.2)
 * @param floorBelowAlarm1Metres no alarm while the stage is below BĐ I minus this (default 1.0 m),
 *     so small rises at low stage do not fire
 * @param floorMetres an absolute floor (metres above the gauge datum) that replaces the above
 * @param lifecycle persistence and clearing (default 2 of 3, 15 min clear time, 10 min dwell)
 */
public record RateOfRiseParams(
        Duration window,
        int minPoints,
        List<Double> riseMetresPerHour,
        double deadbandFraction,
        double floorBelowAlarm1Metres,
        OptionalDouble floorMetres,
        LifecycleParams lifecycle)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_POINTS = 32;

    public RateOfRiseParams {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(floorMetres, "floorMetres");
        Objects.requireNonNull(lifecycle, "lifecycle");
        riseMetresPerHour = List.copyOf(Objects.requireNonNull(riseMetresPerHour, "rise"));
        if (window.compareTo(Duration.ofMinutes(15)) < 0
                || window.compareTo(Duration.ofMinutes(60)) > 0) {
            throw new IllegalArgumentException(
                    "window: expected 15 to 60 minutes (got " + window + ")");
        }
        if (minPoints < 3 || minPoints > MAX_POINTS) {
            throw new IllegalArgumentException(
                    "minPoints: expected 3 to " + MAX_POINTS + " (got " + minPoints + ")");
        }
        if (riseMetresPerHour.isEmpty() || riseMetresPerHour.size() > 3) {
            throw new IllegalArgumentException(
                    "riseMetresPerHour: expected 1 to 3 rates (got " + riseMetresPerHour + ")");
        }
        for (int i = 0; i < riseMetresPerHour.size(); i++) {
            double r = riseMetresPerHour.get(i);
            if (!(r > 0) || (i > 0 && !(r > riseMetresPerHour.get(i - 1)))) {
                throw new IllegalArgumentException(
                        "riseMetresPerHour["
                                + i
                                + "]: expected positive, ascending rates (got "
                                + riseMetresPerHour
                                + ")");
            }
        }
        if (!(deadbandFraction >= 0 && deadbandFraction < 1)) {
            throw new IllegalArgumentException(
                    "deadbandFraction: expected 0 to below 1 (got " + deadbandFraction + ")");
        }
    }

    public static RateOfRiseParams defaults() {
        return new RateOfRiseParams(
                Duration.ofMinutes(30),
                4,
                List.of(0.3, 0.6, 1.0),
                0.2,
                1.0,
                OptionalDouble.empty(),
                new LifecycleParams(2, 3, Duration.ofMinutes(15), Duration.ofMinutes(10)));
    }

    /** The stage below which no rise alarms. */
    public double floor(FloodThresholds t) {
        return floorMetres.isPresent()
                ? floorMetres.getAsDouble()
                : t.alarm1() - floorBelowAlarm1Metres;
    }

    /**
     * Java serialization goes through {@link Form} ({@code OptionalDouble} is not serializable), so
     * the params can travel inside a Flink function.
     */
    @Serial
    private Object writeReplace() {
        return new Form(
                window,
                minPoints,
                List.copyOf(riseMetresPerHour),
                deadbandFraction,
                floorBelowAlarm1Metres,
                floorMetres.isPresent() ? floorMetres.getAsDouble() : Double.NaN,
                lifecycle);
    }

    /** The serialized form: {@code floorMetres} NaN when absent. */
    private record Form(
            Duration window,
            int minPoints,
            List<Double> riseMetresPerHour,
            double deadbandFraction,
            double floorBelowAlarm1Metres,
            double floorMetres,
            LifecycleParams lifecycle)
            implements Serializable {
        @Serial private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return new RateOfRiseParams(
                    window,
                    minPoints,
                    riseMetresPerHour,
                    deadbandFraction,
                    floorBelowAlarm1Metres,
                    Double.isNaN(floorMetres)
                            ? OptionalDouble.empty()
                            : OptionalDouble.of(floorMetres),
                    lifecycle);
        }
    }
}
