package vn.canhbao.edge.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One point of a simulated sensor's series.
 *
 * @param at scenario time since the scenario started, not negative
 * @param value the value at that time, in the quantity's unit
 */
public record SeriesPoint(Duration at, double value) {
    public SeriesPoint {
        Objects.requireNonNull(at, "at");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at must not be negative, got " + at);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
    }
}
