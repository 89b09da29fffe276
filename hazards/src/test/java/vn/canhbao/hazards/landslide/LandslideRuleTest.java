package vn.canhbao.hazards.landslide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.landslide.LandslideInputs.Gauge;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainParams;
import vn.canhbao.hazards.rain.RainState;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

class LandslideRuleTest {
    private static final Instant T0 = Instant.parse("2026-09-10T00:00:00Z");
    private static final SensorId RG = SensorId.of("rg-ta-van");
    private static final SensorId EX = SensorId.of("ex-ta-van");
    private static final SensorId TL = SensorId.of("tl-ta-van");
    private static final SensorId SM = SensorId.of("sm-ta-van");
    private static final LandslideParams P = LandslideParams.defaults();
    private final LandslideRule rule = new LandslideRule(P);

    /** {@code mmPerHour} of rain in 5-minute steps for {@code hours}, ending at {@code end}. */
    private static RainState rain(RainState s, Instant end, double mmPerHour, double hours) {
        for (int i = (int) (hours * 12) - 1; i >= 0; i--) {
            s =
                    RainAccumulator.add(
                            s,
                            mmPerHour / 12,
                            end.minus(Duration.ofMinutes(5L * i)),
                            RainParams.defaults());
        }
        return s;
    }

    /** An extensometer moving at {@code mmPerHour} for the 3 hours before {@code end}. */
    private static MovementState creep(double mmPerHour, Instant end) {
        MovementState s = MovementState.empty(P.extensometer());
        for (int m = 180; m >= 0; m -= 10) {
            s =
                    MovementTracker.add(
                            s,
                            100 + mmPerHour * (180 - m) / 60.0,
                            end.minus(Duration.ofMinutes(m)),
                            P.extensometer());
        }
        return s;
    }

    private static LandslideInputs inputs(
            Optional<RainState> rain, Optional<MovementState> ext, Optional<Double> soil) {
        return new LandslideInputs(
                T0,
                rain.map(r -> new Gauge<>(RG, r)),
                soil.map(v -> new Gauge<>(SM, v)),
                ext.map(e -> new Gauge<>(EX, e)),
                Optional.empty());
    }

    @Test
    void idThresholdsFollowTheirPowerLaws() {
        IdThreshold caine = IdThresholdTable.defaultTable().get("caine-1980");
        assertThat(caine.intensity(1)).isCloseTo(14.82, within(1e-9));
        assertThat(caine.intensity(24)).isCloseTo(14.82 * Math.pow(24, -0.39), within(1e-9));
        assertThat(caine.intensity(10_000)).isEqualTo(caine.intensity(240)); // clamped
    }

    @Test
    void heavyRainAloneReachesWarningByCaine() {
        RainState r = rain(RainState.EMPTY, T0, 20, 3);
        LandslideRule.Assessment a =
                rule.assess(inputs(Optional.of(r), Optional.empty(), Optional.empty()));
        assertThat(a.rainGrade()).isEqualTo(2);
        assertThat(a.grade()).isEqualTo(2);
        assertThat(a.evidence()).anyMatch(e -> e.threshold().startsWith("id:caine-1980"));
    }

    @Test
    void moderateRainIsWatchAndAntecedentRainDaysRaiseIt() {
        RainState r = rain(RainState.EMPTY, T0, 8, 1);
        assertThat(
                        rule.assess(inputs(Optional.of(r), Optional.empty(), Optional.empty()))
                                .rainGrade())
                .isEqualTo(1);
        RainState wet = RainState.EMPTY;
        for (int d = 1; d <= 2; d++) { // 20 mm at 07:00 local time on each of the two prior days
            wet = RainAccumulator.add(wet, 20, T0.minus(Duration.ofDays(d)), RainParams.defaults());
        }
        wet = rain(wet, T0, 8, 1);
        assertThat(
                        rule.assess(inputs(Optional.of(wet), Optional.empty(), Optional.empty()))
                                .rainGrade())
                .isEqualTo(2);
    }

    @Test
    void dryWeatherAndMissingInputsAreNormal() {
        assertThat(
                        rule.assess(inputs(Optional.empty(), Optional.empty(), Optional.empty()))
                                .grade())
                .isZero();
        assertThat(
                        rule.assess(
                                        inputs(
                                                Optional.of(RainState.EMPTY),
                                                Optional.empty(),
                                                Optional.of(40.0)))
                                .grade())
                .isZero();
    }

    @Test
    void soilNearSaturationIsWatchAndSaturationIsWarning() {
        assertThat(
                        rule.assess(inputs(Optional.empty(), Optional.empty(), Optional.of(88.0)))
                                .soilGrade())
                .isEqualTo(1);
        assertThat(
                        rule.assess(inputs(Optional.empty(), Optional.empty(), Optional.of(96.0)))
                                .soilGrade())
                .isEqualTo(2);
    }

    @Test
    void displacementRatesFollowTheJapaneseGuideline() {
        assertThat(
                        rule.assess(
                                        inputs(
                                                Optional.empty(),
                                                Optional.of(creep(1, T0)),
                                                Optional.empty()))
                                .movementGrade())
                .isZero();
        // 2.5 mm/h for 3 h: attention held for 2 consecutive hours -> Warning
        assertThat(
                        rule.assess(
                                        inputs(
                                                Optional.empty(),
                                                Optional.of(creep(2.5, T0)),
                                                Optional.empty()))
                                .movementGrade())
                .isEqualTo(2);
        assertThat(
                        rule.assess(
                                        inputs(
                                                Optional.empty(),
                                                Optional.of(creep(12, T0)),
                                                Optional.empty()))
                                .movementGrade())
                .isEqualTo(3);
    }

    @Test
    void rainAndGroundMovementTogetherRaiseTheLevel() {
        MovementState justStarted = MovementState.empty(P.extensometer());
        for (int m = 60; m >= 0; m -= 10) { // 3 mm/h over the last hour only
            justStarted =
                    MovementTracker.add(
                            justStarted,
                            3 * (60 - m) / 60.0,
                            T0.minus(Duration.ofMinutes(m)),
                            P.extensometer());
        }
        LandslideRule.Assessment movementOnly =
                rule.assess(inputs(Optional.empty(), Optional.of(justStarted), Optional.empty()));
        assertThat(movementOnly.grade()).isEqualTo(1);
        RainState r = rain(RainState.EMPTY, T0, 8, 1);
        LandslideRule.Assessment both =
                rule.assess(inputs(Optional.of(r), Optional.of(justStarted), Optional.empty()));
        assertThat(both.rainGrade()).isEqualTo(1);
        assertThat(both.grade()).isEqualTo(2);
    }

    @Test
    void inverseVelocityForecastsFailureOnceMovementAccelerates() {
        // Fukuzono alpha = 2: 1/v = A (tf − t), A = 0.1 h²/mm, failure 10 h after the start
        Instant start = T0.minus(Duration.ofHours(8));
        Instant failure = start.plus(Duration.ofHours(10));
        MovementState s = MovementState.empty(P.extensometer());
        for (int m = 0; m <= 480; m += 10) {
            double t = m / 60.0;
            s =
                    MovementTracker.add(
                            s,
                            -10 * Math.log(10 - t) + 30,
                            start.plus(Duration.ofMinutes(m)),
                            P.extensometer());
        }
        FailureForecast f =
                MovementTracker.inverseVelocity(s, 12, 3, 1.5, 0.8, P.extensometer()).orElseThrow();
        assertThat(f.r2()).isGreaterThan(0.95);
        assertThat(Duration.between(failure, f.failureAt()).abs())
                .isLessThan(Duration.ofMinutes(30));
        LandslideRule.Assessment a =
                rule.assess(inputs(Optional.empty(), Optional.of(s), Optional.empty()));
        assertThat(a.forecast()).isPresent();
        assertThat(a.grade()).isEqualTo(3);
        assertThat(a.evidence())
                .anyMatch(e -> e.threshold().equals("inverse_velocity_hours_to_failure"));
    }

    @Test
    void steadyCreepGivesNoFailureForecast() {
        assertThat(
                        MovementTracker.inverseVelocity(
                                creep(2.5, T0), 12, 3, 1.5, 0.8, P.extensometer()))
                .isEmpty();
    }

    @Test
    void tiltOfAHundredArcSecondsInADayIsWarning() {
        MovementState tilt = MovementState.empty(P.tiltmeter());
        for (int h = 24; h >= 0; h--) {
            tilt =
                    MovementTracker.add(
                            tilt,
                            (24 - h) * 150.0 / 3600 / 24,
                            T0.minus(Duration.ofHours(h)),
                            P.tiltmeter());
        }
        LandslideInputs in =
                new LandslideInputs(
                        T0,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new Gauge<>(TL, tilt)));
        assertThat(rule.assess(in).movementGrade()).isEqualTo(2);
    }

    @Test
    void aPersistentGradeRaisesALocalLandslideAlert() {
        LifecycleState state = LifecycleState.EMPTY;
        RainState r = rain(RainState.EMPTY, T0, 20, 3);
        LandslideRule.Result first =
                rule.evaluate(state, inputs(Optional.of(r), Optional.empty(), Optional.empty()));
        assertThat(first.transition()).isEmpty();
        LandslideRule.Result second =
                rule.evaluate(
                        first.state(),
                        new LandslideInputs(
                                T0.plusSeconds(300),
                                Optional.of(new Gauge<>(RG, r)),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()));
        assertThat(second.transition())
                .hasValueSatisfying(
                        t -> {
                            assertThat(t.hazard()).isEqualTo(Hazard.LANDSLIDE);
                            assertThat(t.change().state()).isEqualTo(AlertState.RAISED);
                            assertThat(t.change().level()).isEqualTo(RiskLevel.LEVEL_2);
                        });
    }

    @Test
    void movementStateRoundTripsThroughTheSharedJsonMapper() throws Exception {
        MovementState s = creep(2, T0);
        byte[] json = Json.mapper().writeValueAsBytes(s);
        assertThat(Json.mapper().readValue(json, MovementState.class)).isEqualTo(s);
        assertThat(json.length).isLessThan(1000);
    }

    @Test
    void aThresholdRowWithoutASourceIsRejectedNamingTheField() {
        String bad =
                "{\"version\":\"x\",\"rows\":[{\"name\":\"a\",\"c\":0,\"alpha\":1,\"beta\":0.4,"
                        + "\"minHours\":1,\"maxHours\":2,\"confidence\":\"L\"}]}";
        assertThatThrownBy(
                        () ->
                                RuleTables.parse(
                                        bad.getBytes(StandardCharsets.UTF_8),
                                        "t.json",
                                        IdThresholdTable.class))
                .isInstanceOf(RuleTableException.class)
                .hasMessageContaining("t.json")
                .hasMessageContaining("source");
    }
}
