package vn.canhbao.hazards.wind;

import java.time.Instant;
import java.util.Objects;

/**
 * A local wind observation: "gió mạnh cấp {@code meanLevel}, giật cấp {@code gustLevel}".
 *
 * @param at the end of the 10-minute window
 * @param meanMs 10-minute mean speed, m/s
 * @param gustMs highest sample in the window, m/s (a true 3-s gust only if the sensor reports one)
 * @param meanLevel Beaufort level of the mean (0 below level 6)
 * @param gustLevel Beaufort level of the gust (0 below level 6)
 * @param samples samples in the window
 */
public record WindObservation(
        Instant at, double meanMs, double gustMs, int meanLevel, int gustLevel, int samples) {
    public WindObservation {
        Objects.requireNonNull(at, "at");
    }

    /** Vietnamese first, English second, e.g. "Gió mạnh cấp 7, giật cấp 9 / Strong wind ...". */
    public String describe() {
        return "Gió cấp "
                + meanLevel
                + ", giật cấp "
                + gustLevel
                + " (cảm biến tại chỗ) / wind"
                + " force "
                + meanLevel
                + ", gusts force "
                + gustLevel
                + " (local sensor)";
    }
}
