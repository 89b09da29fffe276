package vn.canhbao.hazards.landslide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.hazards.alert.AlertLifecycle;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.landslide.LandslideInputs.Gauge;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainState;

/**
 * The combined landslide rule for one site: four internal grades (0 Normal, 1 Watch, 2 Warning, 3
 * Emergency; DOMAIN-HAZARDS.md 2.3 recommendation) from
 *
 * <ul>
 *   <li><b>rain</b>: mean intensity over each standard window (1, 3, 6, 12, 24, 48, 72 h) that the
 *       current rain event spans, against two ID thresholds (Watch, Warning); with at least {@code
 *       antecedentRainDays} prior rain days the rain grade rises by one (at most Warning);
 *   <li><b>soil</b>: moisture at near-saturation (Watch) or saturation (Warning);
 *   <li><b>ground movement</b>: extensometer rate (Watch at 2 mm/h; Warning at 4 mm/h or 2 mm/h
 *       held 2 h; Emergency at 10 mm/h), tilt (Watch at 30″/day over a week, Warning at 100″ in a
 *       day), and an inverse-velocity failure forecast within the lead time (Emergency);
 *   <li><b>together</b>: when rain or soil and ground movement both reach Watch, the grade rises by
 *       one (Kalimpong: both must exceed to cut false alarms [V]).
 * </ul>
 *
 * Grades 1–3 announce risk levels 1–3 (Article 46 has levels 1–3 for landslides; this mapping is a
 * canhbao local choice [?]) through the shared {@link AlertLifecycle}; every alert is a local
 * sensor alert. Pure; immutable; thread-safe.
 */
public final class LandslideRule {
    public static final String RULE_ID = "landslide.combined";
    public static final String VERSION = "landslide-v1";
    private static final int[] WINDOWS_H = {1, 3, 6, 12, 24, 48, 72};
    private static final double ARCSEC_PER_DEGREE = 3600;

    private final LandslideParams params;
    private final AlertLifecycle lifecycle = AlertLifecycle.identity();

    public LandslideRule(LandslideParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The grades behind a decision, for display and tests. */
    public record Assessment(
            int grade,
            int rainGrade,
            int soilGrade,
            int movementGrade,
            Optional<FailureForecast> forecast,
            List<Evidence> evidence) {}

    public record Result(
            LifecycleState state, Assessment assessment, Optional<AlertTransition> transition) {}

    /**
     * Evaluates a site; the caller drops evaluations not newer than the last.
     *
     * @param state the site's lifecycle state ({@link LifecycleState#EMPTY} at first)
     */
    public Result evaluate(LifecycleState state, LandslideInputs in) {
        Assessment a = assess(in);
        AlertLifecycle.Result r =
                lifecycle.evaluate(state, a.grade(), a.grade(), in.time(), params.lifecycle());
        Optional<AlertTransition> t =
                r.change()
                        .map(
                                c ->
                                        new AlertTransition(
                                                c,
                                                Hazard.LANDSLIDE,
                                                RULE_ID,
                                                VERSION,
                                                a.evidence()));
        return new Result(r.state(), a, t);
    }

    /** The grades now, without the lifecycle. */
    public Assessment assess(LandslideInputs in) {
        List<Evidence> evidence = new ArrayList<>();
        int rain = in.rain().map(g -> rainGrade(g, in, evidence)).orElse(0);
        int soil = in.soil().map(g -> soilGrade(g, in, evidence)).orElse(0);
        int movement = 0;
        Optional<FailureForecast> forecast = Optional.empty();
        if (in.extensometer().isPresent()) {
            Gauge<MovementState> g = in.extensometer().get();
            movement = extensometerGrade(g, in, evidence);
            forecast =
                    MovementTracker.inverseVelocity(
                            g.value(),
                            params.ivPoints(),
                            params.ivSmoothing(),
                            params.tertiaryOnsetMmPerHour(),
                            params.ivMinR2(),
                            params.extensometer());
            if (forecast.isPresent()) {
                double hours =
                        Duration.between(in.time(), forecast.get().failureAt()).toMinutes() / 60.0;
                if (hours <= params.leadTime().toMinutes() / 60.0) {
                    movement = 3;
                    evidence.add(
                            new Evidence(
                                    g.sensor(),
                                    Quantity.DISPLACEMENT,
                                    hours,
                                    in.time(),
                                    -1,
                                    "inverse_velocity_hours_to_failure",
                                    params.leadTime().toMinutes() / 60.0));
                }
            }
        }
        if (in.tiltmeter().isPresent()) {
            movement = Math.max(movement, tiltGrade(in.tiltmeter().get(), in, evidence));
        }
        int hydro = Math.max(rain, soil);
        int grade = Math.max(hydro, movement);
        if (hydro >= 1 && movement >= 1) {
            grade = Math.min(3, grade + 1);
        }
        return new Assessment(grade, rain, soil, movement, forecast, List.copyOf(evidence));
    }

    private int rainGrade(Gauge<RainState> g, LandslideInputs in, List<Evidence> evidence) {
        RainState s = g.value();
        Duration event = RainAccumulator.eventDuration(s, in.time(), params.rain());
        if (event.isZero()) {
            return 0;
        }
        double eventHours = event.toMinutes() / 60.0;
        int grade = 0;
        Evidence best = null;
        for (int h : WINDOWS_H) {
            double intensity = RainAccumulator.intensity(s, in.time(), Duration.ofHours(h));
            int g2 =
                    params.warning().exceeded(intensity, h)
                            ? 2
                            : params.watch().exceeded(intensity, h) ? 1 : 0;
            if (g2 > grade) {
                grade = g2;
                IdThreshold thr = g2 == 2 ? params.warning() : params.watch();
                best =
                        new Evidence(
                                g.sensor(),
                                Quantity.RAIN,
                                intensity * h,
                                in.time(),
                                -1,
                                "id:" + thr.name() + ":" + h + "h",
                                thr.intensity(h) * h);
            }
            if (h >= eventHours) {
                break; // windows longer than the event would dilute it with dry time
            }
        }
        int prior = RainAccumulator.antecedentRainDays(s, in.time(), params.rain());
        if (grade >= 1 && prior >= params.antecedentRainDays()) {
            grade = Math.min(2, grade + 1);
        }
        if (best != null) {
            evidence.add(best);
        }
        return grade;
    }

    private int soilGrade(Gauge<Double> g, LandslideInputs in, List<Evidence> evidence) {
        double pct = g.value();
        int grade =
                pct >= params.soilSaturatedPct()
                        ? 2
                        : pct >= params.soilNearSaturationPct() ? 1 : 0;
        if (grade > 0) {
            double thr = grade == 2 ? params.soilSaturatedPct() : params.soilNearSaturationPct();
            evidence.add(
                    new Evidence(
                            g.sensor(),
                            Quantity.SOIL_MOISTURE,
                            pct,
                            in.time(),
                            -1,
                            grade == 2 ? "soil_saturated" : "soil_near_saturation",
                            thr));
        }
        return grade;
    }

    private int extensometerGrade(
            Gauge<MovementState> g, LandslideInputs in, List<Evidence> evidence) {
        Duration hour = Duration.ofHours(1);
        OptionalDouble last =
                MovementTracker.rate(g.value(), hour, Duration.ZERO, params.extensometer());
        if (last.isEmpty()) {
            return 0;
        }
        double v = last.getAsDouble();
        boolean held = true;
        for (int k = 0; k < params.consecutiveHours(); k++) {
            OptionalDouble r =
                    MovementTracker.rate(
                            g.value(), hour, Duration.ofHours(k), params.extensometer());
            held &= r.isPresent() && r.getAsDouble() >= params.attentionMmPerHour();
        }
        int grade;
        double thr;
        if (v >= params.evacuationMmPerHour()) {
            grade = 3;
            thr = params.evacuationMmPerHour();
        } else if (v >= params.warningMmPerHour() || held) {
            grade = 2;
            thr =
                    v >= params.warningMmPerHour()
                            ? params.warningMmPerHour()
                            : params.attentionMmPerHour();
        } else if (v >= params.attentionMmPerHour()) {
            grade = 1;
            thr = params.attentionMmPerHour();
        } else {
            return 0;
        }
        evidence.add(
                new Evidence(
                        g.sensor(), Quantity.DISPLACEMENT, v, in.time(), -1, "rate_mm_per_h", thr));
        return grade;
    }

    private int tiltGrade(Gauge<MovementState> g, LandslideInputs in, List<Evidence> evidence) {
        OptionalDouble day =
                MovementTracker.rate(
                        g.value(), Duration.ofDays(1), Duration.ZERO, params.tiltmeter());
        OptionalDouble week =
                MovementTracker.rate(
                        g.value(), Duration.ofDays(7), Duration.ZERO, params.tiltmeter());
        double dayArcsec =
                day.isPresent() ? Math.abs(day.getAsDouble()) * 24 * ARCSEC_PER_DEGREE : 0;
        double weekArcsecPerDay =
                week.isPresent() ? Math.abs(week.getAsDouble()) * 24 * ARCSEC_PER_DEGREE : 0;
        if (dayArcsec >= params.tiltDailyArcsec()) {
            evidence.add(
                    new Evidence(
                            g.sensor(),
                            Quantity.TILT,
                            dayArcsec / ARCSEC_PER_DEGREE,
                            in.time(),
                            -1,
                            "tilt_per_day_deg",
                            params.tiltDailyArcsec() / ARCSEC_PER_DEGREE));
            return 2;
        }
        if (weekArcsecPerDay >= params.tiltWeeklyArcsecPerDay()) {
            evidence.add(
                    new Evidence(
                            g.sensor(),
                            Quantity.TILT,
                            weekArcsecPerDay / ARCSEC_PER_DEGREE,
                            in.time(),
                            -1,
                            "tilt_week_mean_per_day_deg",
                            params.tiltWeeklyArcsecPerDay() / ARCSEC_PER_DEGREE));
            return 1;
        }
        return 0;
    }
}
