package vn.canhbao.hazards.rain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Json;

/**
 * {@link RainAccumulator} and {@link RainState} against {@link ReferenceRainAccumulator} and {@link
 * ReferenceRainState}, the code as it was before its hot paths were optimised: the same readings
 * (in order, late, repeated, after long gaps, across local midnights, tiny to absurd amounts, from
 * clean and from odd deserialized states) must give the same state, totals, day counts and every
 * other answer of the public API, and no {@code add} may change a state an earlier step returned.
 */
class RainAccumulatorDifferentialTest {
    private static final long BIN_MS = RainState.BIN.toMillis();
    private static final long MIN_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final Duration[] WINDOWS = {
        Duration.ofMinutes(5),
        Duration.ofHours(1),
        Duration.ofHours(3),
        Duration.ofHours(6),
        Duration.ofHours(12),
        Duration.ofHours(24),
        Duration.ofHours(72),
    };
    private static final double[] THRESHOLDS = {100, 0, 1, 0.01, 10, 50, 150, 250, -1, Double.NaN};
    private static final RainParams[] PARAMS = {
        RainParams.defaults(),
        new RainParams(0.5, Duration.ofHours(6), ZoneOffset.UTC, Duration.ofMinutes(5)),
        new RainParams(
                20, Duration.ofHours(24), ZoneOffset.ofHoursMinutes(5, 45), Duration.ofHours(72)),
        new RainParams(
                1, Duration.ofHours(12), ZoneOffset.ofHoursMinutes(-3, -30), Duration.ofHours(1)),
    };

    /** One production state and its reference twin, after the same readings. */
    private record Pair(RainState prod, ReferenceRainState ref, byte[] binsCopy, short[] daysCopy) {
        static Pair of(RainState prod, ReferenceRainState ref) {
            return new Pair(prod, ref, prod.bins().clone(), prod.days().clone());
        }
    }

    @Test
    void randomSequencesGiveTheSameAnswersAsTheReference() {
        Random rnd = new Random(20260901L);
        for (int seq = 0; seq < 3000; seq++) {
            runSequence(rnd, seq);
        }
    }

    @Test
    void aGaugeReportingEveryMinuteForDaysGivesTheSameAnswersAsTheReference() {
        Random rnd = new Random(7L);
        RainParams p = RainParams.defaults();
        long t0 = Instant.parse("2026-08-31T16:30:00Z").toEpochMilli(); // 23:30 local
        RainState prod = RainState.EMPTY;
        ReferenceRainState ref = ReferenceRainState.EMPTY;
        List<Pair> history = new ArrayList<>();
        boolean wet = false;
        for (int m = 0; m < 6 * 24 * 60; m++) {
            if (rnd.nextInt(120) == 0) {
                wet = !wet;
            }
            double mm = wet ? rnd.nextInt(300) / 100.0 : 0;
            long t = t0 + m * MIN_MS + rnd.nextInt(60_000);
            if (rnd.nextInt(50) == 0) {
                t -= rnd.nextInt(6 * 60) * MIN_MS; // late
            }
            Instant time = Instant.ofEpochMilli(t);
            prod = RainAccumulator.add(prod, mm, time, p);
            ref = ReferenceRainAccumulator.add(ref, mm, time, p);
            assertSameState(prod, ref);
            for (double mmAtLeast : new double[] {100, 20, 1}) {
                assertThat(RainAccumulator.consecutiveDaysAtLeast(prod, time, mmAtLeast, p))
                        .isEqualTo(
                                ReferenceRainAccumulator.consecutiveDaysAtLeast(
                                        ref, time, mmAtLeast, p));
            }
            assertThat(RainAccumulator.total(prod, time, Duration.ofHours(24)))
                    .isEqualTo(ReferenceRainAccumulator.total(ref, time, Duration.ofHours(24)));
            if (m % 37 == 0) {
                assertSameAnswers(prod, ref, time, p, rnd);
                history.add(Pair.of(prod, ref));
            }
        }
        assertUnchanged(history);
    }

    private static void runSequence(Random rnd, int seq) {
        RainParams p = PARAMS[seq % PARAMS.length];
        // from before 1970 to a few decades on, so negative bin and day indexes are covered
        long t = -20L * 365 * DAY_MS + (long) (rnd.nextDouble() * 80 * 365 * DAY_MS);
        Pair start = startState(rnd, t, p);
        RainState prod = start.prod();
        ReferenceRainState ref = start.ref();
        long newest = t;
        List<Pair> history = new ArrayList<>();
        history.add(Pair.of(prod, ref));
        int steps = 1 + rnd.nextInt(rnd.nextInt(20) == 0 ? 600 : 60);
        for (int step = 0; step < steps; step++) {
            long time = nextTime(rnd, t, newest, p);
            double mm = amount(rnd);
            Instant at = Instant.ofEpochMilli(time);
            RainState before = prod;
            Object nextProd = outcome(() -> RainAccumulator.add(before, mm, at, p));
            ReferenceRainState beforeRef = ref;
            Object nextRef = outcome(() -> ReferenceRainAccumulator.add(beforeRef, mm, at, p));
            if (nextProd instanceof String || nextRef instanceof String) {
                assertThat(nextProd).isEqualTo(nextRef);
            } else {
                prod = (RainState) nextProd;
                ref = (ReferenceRainState) nextRef;
                t = time;
                newest = Math.max(newest, time);
            }
            assertSameState(prod, ref);
            history.add(Pair.of(prod, ref));
            long query = rnd.nextInt(4) == 0 ? newest : queryTime(rnd, t, newest);
            assertSameAnswers(prod, ref, Instant.ofEpochMilli(query), p, rnd);
        }
        assertUnchanged(history);
    }

    /** Empty, or now and then an odd state as JSON may hold it (random bins, day head anywhere). */
    private static Pair startState(Random rnd, long t, RainParams p) {
        switch (rnd.nextInt(8)) {
            case 0 -> {
                byte[] bins = new byte[2 * RainState.BINS];
                short[] days = new short[RainState.DAYS];
                fillSparse(rnd, bins, days);
                long headBin = Math.floorDiv(t, BIN_MS) + rnd.nextInt(2000) - 1000;
                long headDay = RainAccumulator.dayOf(Instant.ofEpochMilli(t), p);
                headDay += rnd.nextInt(4) == 0 ? rnd.nextInt(40) - 20 : rnd.nextInt(3) - 1;
                return pair(headBin, bins, headDay, days);
            }
            case 1 -> {
                // empty by its bin head, but with leftovers in its arrays
                byte[] bins = new byte[2 * RainState.BINS];
                short[] days = new short[RainState.DAYS];
                fillSparse(rnd, bins, days);
                long headDay = rnd.nextBoolean() ? Long.MIN_VALUE : t / DAY_MS;
                return pair(Long.MIN_VALUE, bins, headDay, days);
            }
            case 2 -> {
                // a bin head but no day head
                byte[] bins = new byte[2 * RainState.BINS];
                short[] days = new short[RainState.DAYS];
                fillSparse(rnd, bins, days);
                return pair(Math.floorDiv(t, BIN_MS), bins, Long.MIN_VALUE, days);
            }
            default -> {
                return Pair.of(RainState.EMPTY, ReferenceRainState.EMPTY);
            }
        }
    }

    private static Pair pair(long headBin, byte[] bins, long headDay, short[] days) {
        return Pair.of(
                new RainState(headBin, bins.clone(), headDay, days.clone()),
                new ReferenceRainState(headBin, bins.clone(), headDay, days.clone()));
    }

    private static void fillSparse(Random rnd, byte[] bins, short[] days) {
        int n = rnd.nextInt(RainState.BINS);
        for (int k = 0; k < n; k++) {
            int i = rnd.nextInt(RainState.BINS);
            int v = rnd.nextInt(8) == 0 ? 65535 : rnd.nextInt(3000);
            RainState.setCents(bins, i, v);
        }
        for (int d = 0; d < RainState.DAYS; d++) {
            days[d] = (short) (rnd.nextBoolean() ? 0 : rnd.nextInt(65536));
        }
    }

    /** The next reading's time, relative to the last accepted one and the newest. */
    private static long nextTime(Random rnd, long last, long newest, RainParams p) {
        return switch (rnd.nextInt(12)) {
            case 0, 1, 2 -> last + rnd.nextInt(60) * 1000L + MIN_MS; // about a minute on
            case 3 -> last; // repeated
            case 4 -> last + rnd.nextInt(10) * BIN_MS; // a few bins on
            case 5 -> newest - (long) (rnd.nextDouble() * 80 * HOUR_MS); // late, maybe too late
            case 6 -> newest - RainState.SPAN.toMillis() + rnd.nextInt(3) * BIN_MS - BIN_MS;
            case 7 -> newest + (long) (rnd.nextDouble() * 20 * DAY_MS); // a long gap
            case 8 -> newest + RainState.SPAN.toMillis() + rnd.nextInt(3) * BIN_MS - BIN_MS;
            case 9 -> nearLocalMidnight(rnd, newest + rnd.nextInt(3) * DAY_MS, p);
            case 10 -> nearLocalMidnight(rnd, newest - rnd.nextInt(3) * DAY_MS, p);
            default -> last + rnd.nextInt(5 * 60) * MIN_MS;
        };
    }

    /** A time within a few minutes of a local midnight near {@code t}. */
    private static long nearLocalMidnight(Random rnd, long t, RainParams p) {
        long zone = p.dayZone().getTotalSeconds() * 1000L;
        long midnight = Math.floorDiv(t + zone, DAY_MS) * DAY_MS - zone;
        return midnight + rnd.nextInt(20 * 60_000) - 10 * 60_000;
    }

    private static long queryTime(Random rnd, long last, long newest) {
        return switch (rnd.nextInt(5)) {
            case 0 -> last;
            case 1 -> newest + (long) (rnd.nextDouble() * 100 * HOUR_MS);
            case 2 -> newest - (long) (rnd.nextDouble() * 100 * HOUR_MS);
            case 3 -> newest + rnd.nextInt(3) * DAY_MS + rnd.nextInt(2 * 60) * MIN_MS - HOUR_MS;
            default -> newest + (long) (rnd.nextDouble() * 20 * DAY_MS);
        };
    }

    private static double amount(Random rnd) {
        return switch (rnd.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5 -> 0;
            case 6 -> rnd.nextDouble() * 0.01; // rounds to 0 or 1 hundredth
            case 7 -> new double[] {0.004, 0.005, 0.0049999, 0.05, 0.049999, 0.045}[rnd.nextInt(6)];
            case 8 -> rnd.nextDouble() * 700; // may saturate a bin
            case 9 -> new double[] {655.35, 655.36, 6553.5, 1e6, 1e17, 1e300}[rnd.nextInt(6)];
            case 10 -> Double.MAX_VALUE;
            case 11 -> rnd.nextInt(100) == 0 ? -1 : 0.2; // rejected
            case 12 -> rnd.nextInt(50) == 0 ? Double.NaN : 0.5;
            case 13 -> rnd.nextInt(50) == 0 ? Double.POSITIVE_INFINITY : 120;
            default -> rnd.nextInt(400) / 100.0;
        };
    }

    private static void assertSameState(RainState prod, ReferenceRainState ref) {
        assertThat(prod.headBin()).isEqualTo(ref.headBin());
        assertThat(prod.headDay()).isEqualTo(ref.headDay());
        assertThat(prod.isEmpty()).isEqualTo(ref.isEmpty());
        assertSameArrays(prod.bins(), ref.bins(), prod.days(), ref.days());
        assertThat(prod.hashCode()).isEqualTo(ref.hashCode());
        assertThat(prod.toString()).isEqualTo(ref.toString().replace("Reference", ""));
        assertThat(prod)
                .isEqualTo(new RainState(ref.headBin(), ref.bins(), ref.headDay(), ref.days()));
    }

    /** Every read of the public API, and the package's own readers, at {@code at}. */
    private static void assertSameAnswers(
            RainState prod, ReferenceRainState ref, Instant at, RainParams p, Random rnd) {
        for (Duration w : WINDOWS) {
            assertThat(RainAccumulator.total(prod, at, w))
                    .isEqualTo(ReferenceRainAccumulator.total(ref, at, w));
        }
        Duration window = WINDOWS[rnd.nextInt(WINDOWS.length)];
        assertThat(RainAccumulator.intensity(prod, at, window))
                .isEqualTo(ReferenceRainAccumulator.intensity(ref, at, window));
        for (int k = 0; k < 3; k++) {
            // any window, including ones that are not whole bins and ones that are refused
            Duration w = Duration.ofMillis(rnd.nextInt(Math.toIntExact(75 * HOUR_MS)) - HOUR_MS);
            assertThat(outcome(() -> RainAccumulator.total(prod, at, w)))
                    .isEqualTo(outcome(() -> ReferenceRainAccumulator.total(ref, at, w)));
        }
        assertThat(RainAccumulator.accumulations(prod, at))
                .isEqualTo(ReferenceRainAccumulator.accumulations(ref, at));
        for (double mm : THRESHOLDS) {
            assertThat(RainAccumulator.consecutiveDaysAtLeast(prod, at, mm, p))
                    .isEqualTo(ReferenceRainAccumulator.consecutiveDaysAtLeast(ref, at, mm, p));
        }
        double random = rnd.nextDouble() * 200;
        assertThat(RainAccumulator.consecutiveDaysAtLeast(prod, at, random, p))
                .isEqualTo(ReferenceRainAccumulator.consecutiveDaysAtLeast(ref, at, random, p));
        assertThat(RainAccumulator.today(prod, at, p))
                .isEqualTo(ReferenceRainAccumulator.today(ref, at, p));
        assertThat(RainAccumulator.antecedentRainDays(prod, at, p))
                .isEqualTo(ReferenceRainAccumulator.antecedentRainDays(ref, at, p));
        int days = rnd.nextInt(RainState.DAYS);
        assertThat(RainAccumulator.antecedentRain(prod, at, days, p))
                .isEqualTo(ReferenceRainAccumulator.antecedentRain(ref, at, days, p));
        assertThat(RainAccumulator.effective(prod, at, p))
                .isEqualTo(ReferenceRainAccumulator.effective(ref, at, p));
        assertThat(RainAccumulator.eventDuration(prod, at, p))
                .isEqualTo(ReferenceRainAccumulator.eventDuration(ref, at, p));
        long end = RainAccumulator.binOf(at);
        for (int k = 0; k < 4; k++) {
            long first = end - rnd.nextInt(2 * RainState.BINS) + RainState.BINS / 2;
            long last = first + rnd.nextInt(RainState.BINS + 10) - 5;
            assertThat(prod.centsBetween(first, last)).isEqualTo(ref.centsBetween(first, last));
            assertThat(prod.bin(first)).isEqualTo(ref.bin(first));
        }
        assertThat(prod.centsBetween(Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo(ref.centsBetween(Long.MIN_VALUE, Long.MAX_VALUE));
        long day = RainAccumulator.dayOf(at, p);
        for (long d = day - RainState.DAYS - 1; d <= day + 1; d++) {
            assertThat(prod.day(d)).isEqualTo(ref.day(d));
        }
        if (rnd.nextInt(50) == 0) {
            try {
                assertThat(Json.mapper().writeValueAsString(prod))
                        .isEqualTo(Json.mapper().writeValueAsString(ref));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** No state an earlier step returned has changed since (the arrays may be shared). */
    private static void assertUnchanged(List<Pair> history) {
        for (Pair h : history) {
            assertSameArrays(h.prod().bins(), h.binsCopy(), h.prod().days(), h.daysCopy());
            assertSameArrays(h.prod().bins(), h.ref().bins(), h.prod().days(), h.ref().days());
        }
    }

    /** Equal arrays (compared directly: AssertJ's array assertions are slow at this count). */
    private static void assertSameArrays(
            byte[] bins, byte[] otherBins, short[] days, short[] other) {
        if (!Arrays.equals(bins, otherBins)) {
            assertThat(bins).isEqualTo(otherBins);
        }
        if (!Arrays.equals(days, other)) {
            assertThat(days).isEqualTo(other);
        }
    }

    /** The value of the call, or what it threw (class and message) as a string. */
    private static Object outcome(Supplier<?> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
