package vn.canhbao.vms.recording;

import java.time.Duration;

/** Exponential reconnect delay: initial, doubled after each failure, capped at max. */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException(
                    "initial: expected a positive duration, got " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "max: expected at least initial " + initial + ", got " + max);
        }
    }

    public Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
