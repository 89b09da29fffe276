package vn.canhbao.hazards.landslide;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rates and inverse-velocity forecasts from a cumulative displacement (extensometer, crack meter,
 * mm) or tilt (degrees) series. Pure static functions over {@link MovementState}.
 */
public final class MovementTracker {
    private MovementTracker() {}

    /**
     * Records a cumulative value. A reading in an older step fills that step only if it is empty; a
     * reading not newer than the newest is otherwise ignored.
     */
    public static MovementState add(MovementState s, double value, Instant time, MovementParams p) {
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "value: expected a finite number (got " + value + ")");
        }
        if (s.values().length != p.slots()) {
            throw new IllegalArgumentException(
                    "slots: state has " + s.values().length + ", params " + p.slots());
        }
        long t = time.toEpochMilli();
        long step = Math.floorDiv(t, p.step().toMillis());
        int n = p.slots();
        if (!s.isEmpty() && step <= s.headStep() - n) {
            return s;
        }
        if (!s.isEmpty()
                && t <= s.headTime()
                && !(step < s.headStep() && Double.isNaN(s.at(step)))) {
            return s;
        }
        float[] v;
        long head;
        long headTime;
        if (s.isEmpty() || step > s.headStep()) {
            v = new float[n];
            java.util.Arrays.fill(v, Float.NaN);
            if (!s.isEmpty()) {
                for (long k = Math.max(s.headStep() - n + 1, step - n + 1);
                        k <= s.headStep();
                        k++) {
                    v[(int) Math.floorMod(k, n)] = (float) s.at(k);
                }
            }
            head = step;
            headTime = t;
        } else {
            v = s.values().clone();
            head = s.headStep();
            headTime = Math.max(t, s.headTime());
        }
        v[(int) Math.floorMod(step, n)] = (float) value;
        return new MovementState(head, headTime, v);
    }

    /**
     * The mean rate (units per hour) over the {@code span} ending {@code endOffset} before the
     * newest step; empty when either end has no value.
     */
    public static OptionalDouble rate(
            MovementState s, Duration span, Duration endOffset, MovementParams p) {
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        long end = s.headStep() - (endOffset.isZero() ? 0 : p.steps(endOffset));
        long start = end - p.steps(span);
        double a = s.at(start);
        double b = s.at(end);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((b - a) / ((end - start) * p.step().toMillis() / 3_600_000.0));
    }

    /**
     * The inverse-velocity forecast: velocities smoothed over {@code smoothing} steps for the last
     * {@code points} steps, a least-squares fit of {@code 1/v} against time, trusted only if the
     * newest velocity reaches {@code tertiaryOnset} (units per hour), all fitted velocities are
     * positive, the slope is negative and R² reaches {@code minR2}.
     */
    public static Optional<FailureForecast> inverseVelocity(
            MovementState s,
            int points,
            int smoothing,
            double tertiaryOnset,
            double minR2,
            MovementParams p) {
        if (s.isEmpty() || points < 3 || points + smoothing > p.slots()) {
            return Optional.empty();
        }
        double stepHours = p.step().toMillis() / 3_600_000.0;
        double[] x = new double[points];
        double[] y = new double[points];
        double vNewest = 0;
        for (int i = 0; i < points; i++) {
            long k = s.headStep() - (points - 1 - i);
            double v = (s.at(k) - s.at(k - smoothing)) / (smoothing * stepHours);
            if (!(v > 0)) {
                return Optional.empty();
            }
            x[i] = (k - s.headStep()) * stepHours;
            y[i] = 1 / v;
            vNewest = v;
        }
        if (vNewest < tertiaryOnset) {
            return Optional.empty();
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < points; i++) {
            mx += x[i] / points;
            my += y[i] / points;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < points; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double r2 = sxy * sxy / (sxx * syy);
        if (!(slope < 0) || r2 < minR2) {
            return Optional.empty();
        }
        double intercept = my - slope * mx; // 1/v at the newest step (x = 0)
        double hoursToZero = -intercept / slope;
        Instant head = Instant.ofEpochMilli((s.headStep() + 1) * p.step().toMillis());
        Instant failureAt = head.plusMillis(Math.round(hoursToZero * 3_600_000));
        return Optional.of(new FailureForecast(failureAt, r2, vNewest, points));
    }
}
