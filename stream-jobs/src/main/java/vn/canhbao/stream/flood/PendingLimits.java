package vn.canhbao.stream.flood;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the per-sensor buffer for readings that arrive before their sensor's site config
 * (config and telemetry start together, so early readings are normal and must not be lost).
 *
 * @param maxReadings at most this many readings are held per sensor; the oldest overflow to the
 *     side output
 * @param maxAge processing time after the first buffered reading when the buffer is given up: the
 *     sensor is treated as unconfigured and its readings go to the side output
 */
public record PendingLimits(int maxReadings, Duration maxAge) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PendingLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxReadings < 1 || maxReadings > 10_000) {
            throw new IllegalArgumentException(
                    "maxReadings: expected 1 to 10000 (got " + maxReadings + ")");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException(
                    "maxAge: expected a positive duration (got " + maxAge + ")");
        }
    }

    /** 100 readings, 5 minutes. */
    public static PendingLimits defaults() {
        return new PendingLimits(100, Duration.ofMinutes(5));
    }
}
