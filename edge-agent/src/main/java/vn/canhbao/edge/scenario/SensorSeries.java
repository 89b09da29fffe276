package vn.canhbao.edge.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/**
 * The values one simulated sensor reports over scenario time: linear interpolation between points,
 * the first value before the first point, the last value held after the last point; or, with {@code
 * repeat}, the whole series starts over every {@code repeat} of scenario time.
 *
 * @param sensor the simulated sensor
 * @param quantity what it measures; values are in {@code quantity.unit()}
 * @param points at least one point, in strictly increasing {@code at} order
 * @param repeat optional period, positive and not shorter than the last point's {@code at}
 */
public record SensorSeries(
        SensorId sensor, Quantity quantity, List<SeriesPoint> points, Optional<Duration> repeat) {
    public SensorSeries {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(repeat, "repeat");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points must not be empty");
        }
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).at().compareTo(points.get(i - 1).at()) <= 0) {
                throw new IllegalArgumentException(
                        "points must be in strictly increasing time order");
            }
        }
        Duration last = points.get(points.size() - 1).at();
        if (repeat.isPresent()
                && (repeat.get().isZero()
                        || repeat.get().isNegative()
                        || repeat.get().compareTo(last) < 0)) {
            throw new IllegalArgumentException(
                    "repeat must be positive and not before the last point");
        }
    }

    /** The value at {@code scenarioTime} (negative times give the first value). */
    public double valueAt(Duration scenarioTime) {
        long t = scenarioTime.toNanos();
        if (repeat.isPresent() && t >= 0) {
            t = t % repeat.get().toNanos();
        }
        SeriesPoint first = points.get(0);
        if (t <= first.at().toNanos()) {
            return first.value();
        }
        for (int i = 1; i < points.size(); i++) {
            SeriesPoint b = points.get(i);
            long tb = b.at().toNanos();
            if (t <= tb) {
                SeriesPoint a = points.get(i - 1);
                long ta = a.at().toNanos();
                double fraction = (double) (t - ta) / (double) (tb - ta);
                return a.value() + fraction * (b.value() - a.value());
            }
        }
        return points.get(points.size() - 1).value();
    }
}
