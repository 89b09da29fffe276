package vn.canhbao.hazards.vn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.hazards.alert.AlertLifecycle;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainParams;
import vn.canhbao.hazards.rain.RainState;

/**
 * Vietnam's risk-level tables applied to a site's observed rain: heavy rain ({@link
 * HeavyRainTable}) and flash flood / landslide by Article 46 ({@link Art46Table}). The grade is the
 * table's level; the shared {@link AlertLifecycle} raises and clears. The official levels grade
 * forecast rain and are announced by the hydro-met service; these are local sensor alerts (cảnh báo
 * tại chỗ), and every event says so ({@code localSensorAlert = true}). Pure; immutable.
 */
public final class RainRiskRule {
    public static final String HEAVY_RAIN_RULE = "vn.heavy_rain";
    public static final String ART46_RULE = "vn.art46";

    private final HeavyRainTable heavyRain;
    private final Art46Table art46;
    private final RainParams rain;
    private final LifecycleParams lifecycleParams;
    private final AlertLifecycle lifecycle = AlertLifecycle.identity();

    public RainRiskRule(
            HeavyRainTable heavyRain,
            Art46Table art46,
            RainParams rain,
            LifecycleParams lifecycle) {
        this.heavyRain = Objects.requireNonNull(heavyRain, "heavyRain");
        this.art46 = Objects.requireNonNull(art46, "art46");
        this.rain = Objects.requireNonNull(rain, "rain");
        this.lifecycleParams = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** The shipped tables; 2 of 3; 60 min clear; 60 min dwell. */
    public static RainRiskRule defaults() {
        return new RainRiskRule(
                HeavyRainTable.defaultTable(),
                Art46Table.defaultTable(),
                RainParams.defaults(),
                new LifecycleParams(
                        2, 3, java.time.Duration.ofMinutes(60), java.time.Duration.ofMinutes(60)));
    }

    public record Result(LifecycleState state, Optional<AlertTransition> transition) {}

    /** Heavy rain from the rolling 24 h total and the number of days with at least 100 mm. */
    public Result heavyRain(
            LifecycleState state,
            SensorId gauge,
            RainState rainState,
            HeavyRainTable.Terrain terrain,
            Instant time) {
        double mm24 = RainAccumulator.total(rainState, time, java.time.Duration.ofHours(24));
        int days = RainAccumulator.consecutiveDaysAtLeast(rainState, time, 100, rain);
        Optional<HeavyRainTable.Row> row = heavyRain.levelFor(mm24, days, terrain);
        int grade = row.map(r -> r.level().number()).orElse(0);
        AlertLifecycle.Result r = lifecycle.evaluate(state, grade, grade, time, lifecycleParams);
        double lower = RainBand.of(mm24).map(RainBand::lowerMm).orElse(100.0);
        return new Result(
                r.state(),
                r.change()
                        .map(
                                c ->
                                        new AlertTransition(
                                                c,
                                                Hazard.HEAVY_RAIN,
                                                HEAVY_RAIN_RULE,
                                                heavyRain.version(),
                                                List.of(
                                                        new Evidence(
                                                                gauge,
                                                                Quantity.RAIN,
                                                                mm24,
                                                                time,
                                                                -1,
                                                                "rain24h_" + days + "d",
                                                                lower)))));
    }

    /** Article 46 from the rolling 24 h total and the prior rain days, for the site's zone. */
    public Result art46(
            LifecycleState state,
            SensorId gauge,
            RainState rainState,
            Art46Table.Zone zone,
            Art46Table.Group group,
            Instant time) {
        double mm24 = RainAccumulator.total(rainState, time, java.time.Duration.ofHours(24));
        int prior = RainAccumulator.antecedentRainDays(rainState, time, rain);
        Optional<Art46Table.Row> row = art46.levelFor(mm24, prior, zone, group);
        int grade = row.map(r -> r.level().number()).orElse(0);
        AlertLifecycle.Result r = lifecycle.evaluate(state, grade, grade, time, lifecycleParams);
        double lower = RainBand.of(mm24).map(RainBand::lowerMm).orElse(100.0);
        return new Result(
                r.state(),
                r.change()
                        .map(
                                c ->
                                        new AlertTransition(
                                                c,
                                                Hazard.LANDSLIDE,
                                                ART46_RULE,
                                                art46.version(),
                                                List.of(
                                                        new Evidence(
                                                                gauge,
                                                                Quantity.RAIN,
                                                                mm24,
                                                                time,
                                                                -1,
                                                                "art46_rain24h_prior"
                                                                        + prior
                                                                        + "d_"
                                                                        + zone
                                                                        + "_"
                                                                        + group,
                                                                lower)))));
    }
}
