package vn.canhbao.hazards.rain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Rolling rain totals (mm) ending at {@code at} (event time), at 5-minute resolution.
 *
 * @param at the end of every window
 * @param h1 last 1 h
 * @param h3 last 3 h (NCHMF "mưa cường suất lớn" is stated per 3 h)
 * @param h6 last 6 h
 * @param h12 last 12 h
 * @param h24 last 24 h
 * @param h72 last 72 h
 */
public record RainAccumulations(
        Instant at, double h1, double h3, double h6, double h12, double h24, double h72) {
    public RainAccumulations {
        Objects.requireNonNull(at, "at");
    }

    /** The total over one of the standard windows (1, 3, 6, 12, 24 or 72 h). */
    public double over(Duration window) {
        long h = window.toHours();
        if (window.equals(Duration.ofHours(h))) {
            switch ((int) h) {
                case 1:
                    return h1;
                case 3:
                    return h3;
                case 6:
                    return h6;
                case 12:
                    return h12;
                case 24:
                    return h24;
                case 72:
                    return h72;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "window: expected 1, 3, 6, 12, 24 or 72 h (got " + window + ")");
    }
}
