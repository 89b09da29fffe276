package vn.canhbao.hazards.rain;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Rainfall accounting settings.
 *
 * @param rainDayMm a day with at least this much rain counts as a rain day (default 1.0 mm, the
 *     usual climatological rain-day threshold; a canhbao choice for Article 46's "rain on the
 *     previous days", whose exact threshold is not in the reference [?])
 * @param halfLife half-life of effective rainfall (default 12 h, Nepal DoR [V])
 * @param dayZone the local day boundary for rain days (default UTC+7, Vietnam)
 * @param dryGap a dry spell this long ends a rain event (default 6 h, a common event separation)
 */
public record RainParams(double rainDayMm, Duration halfLife, ZoneOffset dayZone, Duration dryGap)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public RainParams {
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(dayZone, "dayZone");
        Objects.requireNonNull(dryGap, "dryGap");
        if (!(rainDayMm > 0)) {
            throw new IllegalArgumentException(
                    "rainDayMm: expected more than 0 (got " + rainDayMm + ")");
        }
        if (halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException(
                    "halfLife: expected more than zero (got " + halfLife + ")");
        }
        if (dryGap.compareTo(RainState.BIN) < 0 || dryGap.compareTo(RainState.SPAN) > 0) {
            throw new IllegalArgumentException(
                    "dryGap: expected 5 min to 72 h (got " + dryGap + ")");
        }
    }

    public static RainParams defaults() {
        return new RainParams(
                1.0, Duration.ofHours(12), ZoneOffset.ofHours(7), Duration.ofHours(6));
    }
}
