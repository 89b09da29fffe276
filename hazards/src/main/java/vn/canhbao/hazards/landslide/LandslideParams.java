package vn.canhbao.hazards.landslide;

import java.time.Duration;
import java.util.Objects;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.rain.RainParams;

/**
 * Tuning of the combined landslide rule; defaults and their sources are in the module README.
 *
 * @param watch the ID threshold for Watch (default Guzzetti 2007 CADSES minimum [L])
 * @param warning the ID threshold for Warning (default Caine 1980 [L])
 * @param antecedentRainDays with at least this many prior rain days, a rain grade rises by one
 *     (default 2: Article 46 distinguishes "1–2" from "more than 2" prior days [V])
 * @param soilNearSaturationPct soil moisture for Watch (default 85 %, NCHMF "gần bão hòa" [V]; must
 *     be site-calibrated)
 * @param soilSaturatedPct soil moisture for Warning (default 95 % [V], site-calibrated)
 * @param attentionMmPerHour extensometer rate for Watch (default 2 mm/h, Japanese guideline [V])
 * @param warningMmPerHour rate for Warning, or the attention rate held for {@code consecutiveHours}
 *     (default 4 mm/h, top of the guideline's 2–4 mm/h alert band [V])
 * @param evacuationMmPerHour rate for Emergency (default 10 mm/h: "above about 10 mm/h collapse
 *     likely" [V])
 * @param consecutiveHours hours the attention rate must hold for Warning (default 2 [V])
 * @param tiltWeeklyArcsecPerDay tilt for Watch: 1-week mean rate (default 30″/day [V])
 * @param tiltDailyArcsec tilt for Warning: change over the last day (default 100″ [V])
 * @param ivPoints velocities fitted by the inverse-velocity method (default 12: 2 h of 10 min)
 * @param ivSmoothing steps each velocity is averaged over (default 3)
 * @param tertiaryOnsetMmPerHour the newest velocity must reach this before the fit is trusted
 *     (default 1.5 mm/h, low end of the guideline's 1.5–7 mm/h [V])
 * @param ivMinR2 least R² of the fit (default 0.8; NIED reached > 0.9 [V])
 * @param leadTime a forecast failure within this lead time is an Emergency (default 24 h)
 * @param rain rainfall settings (event separation, rain-day threshold)
 * @param extensometer the extensometer series
 * @param tiltmeter the tiltmeter series
 * @param lifecycle persistence and clearing (default 2 of 3, 60 min clear, 30 min dwell)
 */
public record LandslideParams(
        IdThreshold watch,
        IdThreshold warning,
        int antecedentRainDays,
        double soilNearSaturationPct,
        double soilSaturatedPct,
        double attentionMmPerHour,
        double warningMmPerHour,
        double evacuationMmPerHour,
        int consecutiveHours,
        double tiltWeeklyArcsecPerDay,
        double tiltDailyArcsec,
        int ivPoints,
        int ivSmoothing,
        double tertiaryOnsetMmPerHour,
        double ivMinR2,
        Duration leadTime,
        RainParams rain,
        MovementParams extensometer,
        MovementParams tiltmeter,
        LifecycleParams lifecycle)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public LandslideParams {
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(leadTime, "leadTime");
        Objects.requireNonNull(rain, "rain");
        Objects.requireNonNull(extensometer, "extensometer");
        Objects.requireNonNull(tiltmeter, "tiltmeter");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (!(soilNearSaturationPct <= soilSaturatedPct)) {
            throw new IllegalArgumentException(
                    "soilSaturatedPct: expected at least soilNearSaturationPct (got "
                            + soilSaturatedPct
                            + ")");
        }
        if (!(attentionMmPerHour > 0
                && warningMmPerHour >= attentionMmPerHour
                && evacuationMmPerHour >= warningMmPerHour)) {
            throw new IllegalArgumentException(
                    "warningMmPerHour: expected 0 < attention <= warning <= evacuation (got "
                            + attentionMmPerHour
                            + ", "
                            + warningMmPerHour
                            + ", "
                            + evacuationMmPerHour
                            + ")");
        }
        if (consecutiveHours < 1 || ivPoints < 3 || ivSmoothing < 1) {
            throw new IllegalArgumentException(
                    "consecutiveHours/ivPoints/ivSmoothing: expected at least 1, 3, 1");
        }
    }

    public static LandslideParams defaults() {
        IdThresholdTable table = IdThresholdTable.defaultTable();
        return new LandslideParams(
                table.get("guzzetti-2007-cadses"),
                table.get("caine-1980"),
                2,
                85,
                95,
                2,
                4,
                10,
                2,
                30,
                100,
                12,
                3,
                1.5,
                0.8,
                Duration.ofHours(24),
                RainParams.defaults(),
                MovementParams.extensometer(),
                MovementParams.tiltmeter(),
                new LifecycleParams(2, 3, Duration.ofMinutes(60), Duration.ofMinutes(30)));
    }
}
