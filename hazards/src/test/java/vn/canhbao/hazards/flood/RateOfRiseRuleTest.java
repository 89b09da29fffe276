package vn.canhbao.hazards.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.ThresholdProvenance;
import vn.canhbao.hazards.alert.AlertTransition;

class RateOfRiseRuleTest {
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final SensorId WL = SensorId.of("wl-nam-cang");
    private static final FloodThresholds BD =
            new FloodThresholds(
                    2.0, 3.0, 4.0, OptionalDouble.empty(), 0.0, ThresholdProvenance.LOCAL_ESTIMATE);
    private final RateOfRiseRule rule = new RateOfRiseRule(RateOfRiseParams.defaults());
    private RiseState state = RiseState.EMPTY;
    private final List<AlertTransition> alerts = new ArrayList<>();
    private OptionalDouble lastSlope = OptionalDouble.empty();

    private void feed(int minute, double stage) {
        RateOfRiseRule.Result r =
                rule.evaluate(
                        state,
                        new StageSample(WL, stage, T0.plus(Duration.ofMinutes(minute)), minute),
                        BD);
        state = r.state();
        lastSlope = r.slope();
        r.transition().ifPresent(alerts::add);
    }

    @Test
    void theilSenIgnoresASingleOutlier() {
        long[] t = {0, 600_000, 1_200_000, 1_800_000, 2_400_000};
        float[] v = {1.0f, 1.1f, 9.0f, 1.3f, 1.4f};
        assertThat(RateOfRiseRule.theilSen(t, v)).isCloseTo(0.6, within(1e-5));
    }

    @Test
    void aFastRiseAboveTheFloorRaisesThenEscalatesAFlashFloodAlert() {
        // 1.5 m, rising 1.2 m/h (2 cm/min) for 40 minutes
        for (int m = 0; m <= 40; m++) {
            feed(m, 1.5 + 0.02 * m);
        }
        assertThat(lastSlope.getAsDouble()).isCloseTo(1.2, within(1e-3));
        assertThat(alerts)
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.change().state()).isEqualTo(AlertState.RAISED);
                            assertThat(a.hazard()).isEqualTo(Hazard.FLASH_FLOOD);
                            assertThat(a.change().level()).isEqualTo(RiskLevel.LEVEL_3);
                            assertThat(a.toAlertEvent(SiteId.of("nam-cang"), T0).localSensorAlert())
                                    .isTrue();
                        });
        // the alarm fires as soon as 15 minutes of samples (half the window) give a slope
        assertThat(alerts.get(0).change().time()).isBefore(T0.plus(Duration.ofMinutes(17)));
    }

    @Test
    void theSameRiseBelowTheStageFloorDoesNotFire() {
        for (int m = 0; m <= 40; m++) {
            feed(m, 0.1 + 0.02 * m); // ends at 0.9 m, floor is BĐ I − 1 m = 1.0 m
        }
        assertThat(lastSlope.getAsDouble()).isCloseTo(1.2, within(1e-3));
        assertThat(alerts).isEmpty();
    }

    @Test
    void aSlowRiverRiseDoesNotFire() {
        for (int m = 0; m <= 120; m++) {
            feed(m, 1.5 + 0.002 * m); // 0.12 m/h
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aSpikeInsideTheWindowDoesNotFire() {
        for (int m = 0; m <= 40; m++) {
            feed(m, m == 20 ? 4.5 : 1.5);
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void clearsAfterTheRiseStopsForTheClearTime() {
        for (int m = 0; m <= 40; m++) {
            feed(m, 1.5 + 0.02 * m);
        }
        for (int m = 41; m <= 120; m++) {
            feed(m, 2.3);
        }
        assertThat(alerts)
                .last()
                .satisfies(a -> assertThat(a.change().state()).isEqualTo(AlertState.CLEARED));
        assertThat(alerts.stream().map(a -> a.alertId(SiteId.of("x"))).distinct()).hasSize(1);
    }

    @Test
    void stateIsSmallAndRoundTripsThroughTheSharedJsonMapper() throws Exception {
        for (int m = 0; m <= 300; m++) {
            feed(m, 1.5 + 0.001 * m);
        }
        assertThat(state.times().length).isLessThanOrEqualTo(RateOfRiseParams.MAX_POINTS);
        byte[] json = Json.mapper().writeValueAsBytes(state);
        assertThat(Json.mapper().readValue(json, RiseState.class)).isEqualTo(state);
        assertThat(json.length).isLessThan(1200);
    }

    @Test
    void rejectsAWindowOutside15To60MinutesNamingTheField() {
        RateOfRiseParams d = RateOfRiseParams.defaults();
        assertThatThrownBy(
                        () ->
                                new RateOfRiseParams(
                                        Duration.ofMinutes(5),
                                        4,
                                        d.riseMetresPerHour(),
                                        0.2,
                                        1,
                                        OptionalDouble.empty(),
                                        d.lifecycle()))
                .hasMessageStartingWith("window:");
    }

    @Test
    void lateSamplesJoinTheWindowWithoutDrivingTheLifecycleSoTheNextSlopeMatchesInOrder() {
        // given the same rise delivered in order, and with every pair swapped
        for (int m = 0; m <= 30; m++) {
            feed(m, 1.5 + 0.02 * m);
        }
        RiseState inOrder = state;
        double inOrderSlope = lastSlope.getAsDouble();
        state = RiseState.EMPTY;
        alerts.clear();
        for (int m = 0; m + 1 <= 30; m += 2) {
            feed(m + 1, 1.5 + 0.02 * (m + 1));
            int transitions = alerts.size();
            feed(m, 1.5 + 0.02 * m);
            // then a late sample never yields a slope or a transition
            assertThat(lastSlope).isEmpty();
            assertThat(alerts).hasSize(transitions);
        }
        feed(30, 1.5 + 0.02 * 30);

        // then the window is the same as in order, and so is the slope
        assertThat(state.times()).containsExactly(inOrder.times());
        assertThat(lastSlope.getAsDouble()).isCloseTo(inOrderSlope, within(1e-9));

        // and a repeat, or a sample older than the window, changes nothing
        RiseState before = state;
        feed(30, 9.0);
        feed(-10, 9.0);
        assertThat(state).isEqualTo(before);
    }

    @Test
    void theilSenBySelectionEqualsTheMedianOfTheSortedPairwiseSlopes() {
        java.util.Random random = new java.util.Random(42);
        for (int run = 0; run < 500; run++) {
            int n = 2 + random.nextInt(31);
            long[] t = new long[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = i * 60_000L + random.nextInt(30_000);
                // ties are common in real data: values on a 1 cm grid
                v[i] = Math.round(random.nextGaussian() * 20) / 100f;
            }
            java.util.List<Double> slopes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    // metres per hour, the same arithmetic as the rule
                    slopes.add((v[j] - v[i]) * 3_600_000.0 / (t[j] - t[i]));
                }
            }
            java.util.Collections.sort(slopes);
            int k = slopes.size();
            double median =
                    k % 2 == 1
                            ? slopes.get(k / 2)
                            : (slopes.get(k / 2 - 1) + slopes.get(k / 2)) / 2;
            assertThat(RateOfRiseRule.theilSen(t, v)).isEqualTo(median);
        }
    }

    /** A window of 2 to 32 points for the property tests. */
    private record Window(long[] t, float[] v) {
        /**
         * Times a minute apart ({@code everyMinute}) or 1 ms to 2 min apart; values from {@code
         * value}, called for each point in order.
         */
        static Window random(
                java.util.Random random,
                boolean everyMinute,
                java.util.function.IntFunction<Float> value) {
            int n = 2 + random.nextInt(31);
            long[] t = new long[n];
            float[] v = new float[n];
            long time = 0;
            for (int i = 0; i < n; i++) {
                time += everyMinute ? 60_000 : 1 + random.nextInt(120_000);
                t[i] = time;
                v[i] = value.apply(i);
            }
            return new Window(t, v);
        }

        /**
         * The edge cases of "slope ≥ threshold": the median and its neighbours, 0.3 m/h, and four
         * random pairwise slopes with theirs (ties, the two middle slopes of an even count).
         */
        java.util.List<Double> edgeThresholds(java.util.Random random, double median) {
            java.util.List<Double> thresholds = new ArrayList<>();
            thresholds.add(median);
            thresholds.add(Math.nextUp(median));
            thresholds.add(Math.nextDown(median));
            thresholds.add(0.3);
            int n = t.length;
            for (int k = 0; k < 4; k++) {
                int i = random.nextInt(n - 1);
                int j = i + 1 + random.nextInt(n - 1 - i);
                double pair = (v[j] - v[i]) * 3_600_000.0 / (t[j] - t[i]);
                thresholds.add(pair);
                thresholds.add(Math.nextUp(pair));
                thresholds.add(Math.nextDown(pair));
            }
            return thresholds;
        }
    }

    @Test
    void countingSlopesAtOrAboveAThresholdDecidesExactlyAsComparingTheTheilSenSlope() {
        // the grading counts instead of selecting; thresholds on and next to the pairwise slopes
        // and the median itself are the edge cases (ties, the two middle slopes of an even count)
        java.util.Random random = new java.util.Random(11);
        int ambiguousEvenCounts = 0;
        for (int run = 0; run < 3_000; run++) {
            Window w =
                    Window.random(
                            random,
                            run % 2 == 0,
                            i -> Math.round(random.nextGaussian() * 50) / 100f);
            long[] t = w.t();
            float[] v = w.v();
            int n = t.length;
            double median = RateOfRiseRule.theilSen(t, v);
            for (double threshold : w.edgeThresholds(random, median)) {
                assertThat(RateOfRiseRule.slopeAtLeast(t, v, threshold))
                        .as("n %d, threshold %s, median %s", n, threshold, median)
                        .isEqualTo(median >= threshold);
            }
            int pairs = n * (n - 1) / 2;
            if (pairs % 2 == 0
                    && RateOfRiseRule.slopeAtLeast(t, v, Math.nextUp(median))
                            != RateOfRiseRule.slopeAtLeast(t, v, median)) {
                ambiguousEvenCounts++;
            }
        }
        assertThat(ambiguousEvenCounts).isPositive();
    }

    @Test
    void theMedianOfPairwiseSlopesNeverExceedsTheSteepestConsecutiveStep() {
        // the bound that lets the rule skip Theil–Sen for steady or falling water
        java.util.Random random = new java.util.Random(7);
        for (int run = 0; run < 2_000; run++) {
            double scale = run % 3 == 0 ? 0.01 : 1.0;
            Window w = Window.random(random, false, i -> (float) (random.nextGaussian() * scale));
            long[] t = w.t();
            float[] v = w.v();
            int n = t.length;
            double steepest = Double.NEGATIVE_INFINITY;
            for (int i = 1; i < n; i++) {
                steepest = Math.max(steepest, (v[i] - v[i - 1]) * 3_600_000.0 / (t[i] - t[i - 1]));
            }
            assertThat(RateOfRiseRule.theilSen(t, v))
                    .isLessThanOrEqualTo(steepest + Math.abs(steepest) * 1e-9 + 1e-12);
        }
    }

    @Test
    void countingStillDecidesExactlyOnStepsAndPlateausWhereFewPairsCanReachTheThreshold() {
        // steady water with a few steps up or down (a gauge reading to the centimetre): the
        // shape where pairsThatMayReach rules most thresholds out before counting
        java.util.Random random = new java.util.Random(13);
        int ruledOut = 0;
        for (int run = 0; run < 5_000; run++) {
            float[] level = {1.0f + random.nextInt(300) / 100f};
            Window w =
                    Window.random(
                            random,
                            run % 2 == 0,
                            i -> {
                                if (random.nextInt(8) == 0) {
                                    level[0] += (random.nextInt(301) - 150) / 100f;
                                }
                                return level[0];
                            });
            long[] t = w.t();
            float[] v = w.v();
            int n = t.length;
            double median = RateOfRiseRule.theilSen(t, v);
            java.util.List<Double> thresholds = w.edgeThresholds(random, median);
            thresholds.add(0.24); // the default lowest hold rate
            int pairs = n * (n - 1) / 2;
            for (double threshold : thresholds) {
                assertThat(RateOfRiseRule.slopeAtLeast(t, v, threshold))
                        .as("n %d, threshold %s, median %s", n, threshold, median)
                        .isEqualTo(median >= threshold);
                if (RateOfRiseRule.pairsThatMayReach(t, v, threshold) < pairs - pairs / 2) {
                    ruledOut++;
                }
            }
        }
        assertThat(ruledOut).isGreaterThan(5_000);
    }

    @Test
    void theShortcutNeverRulesOutASlopeThatReachesTheThreshold() {
        // couldReach may say true needlessly, never false wrongly: grading would miss a flood
        java.util.Random random = new java.util.Random(11);
        int reached = 0;
        for (int run = 0; run < 20_000; run++) {
            double scale = run % 3 == 0 ? 0.01 : 1.0;
            Window w = Window.random(random, false, i -> (float) (random.nextGaussian() * scale));
            long[] t = w.t();
            float[] v = w.v();
            double slope = RateOfRiseRule.theilSen(t, v);
            // thresholds at, just below and just above the slope, and random ones
            double[] thresholds = {
                slope, Math.nextDown(slope), Math.nextUp(slope), random.nextGaussian() * 5
            };
            for (double threshold : thresholds) {
                if (slope >= threshold) {
                    reached++;
                    assertThat(RateOfRiseRule.couldReach(t, v, threshold))
                            .as("run %d, threshold %s, slope %s", run, threshold, slope)
                            .isTrue();
                }
            }
        }
        assertThat(reached).isGreaterThan(20_000);
    }

    @Test
    void aSteadyRiverAboveTheFloorStillReportsItsSlopeWhenAsked() {
        // (the grading skipped Theil–Sen: the slope is computed on demand)
        for (int m = 0; m <= 40; m++) {
            feed(m, 2.0);
        }
        assertThat(lastSlope.getAsDouble()).isCloseTo(0.0, within(1e-9));
        assertThat(alerts).isEmpty();
    }
}
