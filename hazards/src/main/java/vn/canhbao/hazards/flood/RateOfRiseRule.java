package vn.canhbao.hazards.flood;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.hazards.alert.AlertLifecycle;
import vn.canhbao.hazards.alert.AlertTransition;

/**
 * Flash flood by rate of rise: the Theil–Sen slope (median of pairwise slopes, robust to a third of
 * outliers) of the calibrated stage over the last {@code window}, against rise rates per grade,
 * only while the stage is above a floor. Raises {@link Hazard#FLASH_FLOOD} alerts through the
 * shared {@link AlertLifecycle} (grade n = risk level n). Feed it QC-passed samples (pass or
 * suspect). Pure; immutable; thread-safe.
 */
public final class RateOfRiseRule {
    public static final String RULE_ID = "flash_flood.rate_of_rise";
    public static final String VERSION = "rate-of-rise-v1";

    private final RateOfRiseParams params;
    private final AlertLifecycle lifecycle = AlertLifecycle.identity();

    /** The lowest slope that holds any grade: below it, grading needs no Theil–Sen. */
    private final double lowestHold;

    public RateOfRiseRule(RateOfRiseParams params) {
        this.params = Objects.requireNonNull(params, "params");
        double lowest = Double.POSITIVE_INFINITY;
        for (double rate : params.riseMetresPerHour()) {
            lowest = Math.min(lowest, rate * (1 - params.deadbandFraction()));
        }
        this.lowestHold = lowest;
    }

    /**
     * The outcome: state to keep, the slope now (m/h; empty with too few points), the transition.
     * The slope is computed only when something needs it: the grading (a stage at or above the
     * floor), a transition's evidence, or a caller asking for it. Most of the time a river is below
     * the floor, and the pairwise slopes of a full window (up to 496) were the rule's main cost.
     */
    public static final class Result {
        private final RiseState state;
        private final boolean hasSlope;
        private final Optional<AlertTransition> transition;
        private double slope;

        Result(
                RiseState state,
                boolean hasSlope,
                double slope,
                Optional<AlertTransition> transition) {
            this.state = state;
            this.hasSlope = hasSlope;
            this.slope = slope;
            this.transition = transition;
        }

        public RiseState state() {
            return state;
        }

        /** The Theil–Sen slope over the window (m/h), empty with too few points. */
        public OptionalDouble slope() {
            if (!hasSlope) {
                return OptionalDouble.empty();
            }
            if (Double.isNaN(slope)) {
                slope = theilSen(state.times(), state.stages());
            }
            return OptionalDouble.of(slope);
        }

        public Optional<AlertTransition> transition() {
            return transition;
        }
    }

    /**
     * Evaluates one sample. A sample older than the newest (delivered late or out of order) is put
     * into the window where it belongs, without evaluating the lifecycle, so the next evaluation
     * sees the same window as in-order delivery would; a repeat of a time already held, or a sample
     * older than the window, is ignored.
     */
    public Result evaluate(RiseState state, StageSample sample, FloodThresholds thresholds) {
        long t = sample.time().toEpochMilli();
        int n = state.times().length;
        if (n > 0 && t <= state.times()[n - 1]) {
            return new Result(
                    insertLate(state, t, sample.stage()), false, Double.NaN, Optional.empty());
        }
        long windowMs = params.window().toMillis();
        long spacing = windowMs / RateOfRiseParams.MAX_POINTS;
        long[] oldTimes = state.times();
        if (n >= 2 && oldTimes[n - 1] - oldTimes[n - 2] < spacing) {
            n--; // thin: the newest kept point is replaced, the oldest are spaced
        }
        // The kept points are old[from, n) and the new one: one copy of each array.
        int from = 0;
        while (from < n && oldTimes[from] < t - windowMs) {
            from++;
        }
        from = Math.max(from, n + 1 - RateOfRiseParams.MAX_POINTS);
        long[] times = new long[n - from + 1];
        float[] stages = new float[n - from + 1];
        System.arraycopy(oldTimes, from, times, 0, n - from);
        System.arraycopy(state.stages(), from, stages, 0, n - from);
        times[n - from] = t;
        stages[n - from] = (float) sample.stage();

        boolean hasSlope = times.length >= params.minPoints() && t - times[0] >= windowMs / 2;
        double floor = params.floor(thresholds);
        double slope = Double.NaN;
        int candidate = 0;
        int hold = 0;
        if (hasSlope && sample.stage() >= floor && couldGrade(times, stages)) {
            // Rates and hold rates ascend, and a grade's hold rate is at most its rate: the first
            // hold rate the slope misses ends the search.
            List<Double> rates = params.riseMetresPerHour();
            for (int g = 1; g <= rates.size(); g++) {
                double rate = rates.get(g - 1);
                if (!slopeAtLeast(times, stages, rate * (1 - params.deadbandFraction()))) {
                    break;
                }
                hold = g;
                if (slopeAtLeast(times, stages, rate)) {
                    candidate = g;
                }
            }
        }
        AlertLifecycle.Result r =
                lifecycle.evaluate(
                        state.lifecycle(), candidate, hold, sample.time(), params.lifecycle());
        if (hasSlope && Double.isNaN(slope) && r.change().isPresent()) {
            slope = theilSen(times, stages); // for the transition's evidence
        }
        double s = slope;
        Optional<AlertTransition> transition =
                r.change()
                        .map(
                                c -> {
                                    double rate = params.riseMetresPerHour().get(c.grade() - 1);
                                    return new AlertTransition(
                                            c,
                                            Hazard.FLASH_FLOOD,
                                            RULE_ID,
                                            VERSION,
                                            List.of(
                                                    evidence(
                                                            sample,
                                                            sample.stage(),
                                                            "stage_floor",
                                                            floor),
                                                    evidence(sample, s, "rise_m_per_h", rate)));
                                });
        return new Result(new RiseState(times, stages, r.state()), hasSlope, slope, transition);
    }

    private RiseState insertLate(RiseState state, long t, double stage) {
        long[] times = state.times();
        int n = times.length;
        if (t < times[n - 1] - params.window().toMillis()) {
            return state;
        }
        int at = Arrays.binarySearch(times, t);
        if (at >= 0) {
            return state;
        }
        at = -at - 1;
        long[] nt = new long[n + 1];
        float[] ns = new float[n + 1];
        System.arraycopy(times, 0, nt, 0, at);
        System.arraycopy(state.stages(), 0, ns, 0, at);
        nt[at] = t;
        ns[at] = (float) stage;
        System.arraycopy(times, at, nt, at + 1, n - at);
        System.arraycopy(state.stages(), at, ns, at + 1, n - at);
        int from = Math.max(0, n + 1 - RateOfRiseParams.MAX_POINTS);
        return new RiseState(
                Arrays.copyOfRange(nt, from, n + 1),
                Arrays.copyOfRange(ns, from, n + 1),
                state.lifecycle());
    }

    private static Evidence evidence(StageSample s, double value, String name, double threshold) {
        return new Evidence(
                s.sensor(),
                Quantity.WATER_LEVEL,
                Double.isFinite(value) ? value : 0,
                s.time(),
                s.seq(),
                name,
                threshold);
    }

    /**
     * False if the window's slope cannot reach the lowest hold rate, so that grading needs no
     * Theil–Sen: every pairwise slope is a weighted mean of the consecutive slopes between its two
     * points, so their median is at most the steepest consecutive step (n − 1 divisions instead of
     * up to 496). A river that is steady or falling, the usual case, is decided here.
     */
    private boolean couldGrade(long[] times, float[] stages) {
        return couldReach(times, stages, lowestHold);
    }

    /**
     * False only if no consecutive step reaches {@code threshold} (m/h), so that neither can the
     * Theil–Sen slope. Multiplies instead of dividing (this runs for every water level above the
     * floor) and stops at the first step that may reach it; the margin is generous, as a true near
     * the threshold only costs the exact computation.
     */
    static boolean couldReach(long[] times, float[] stages, double threshold) {
        for (int i = 1; i < times.length; i++) {
            if (stepMayReach(times, stages, i, threshold)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the step into point {@code i} may have a slope of {@code threshold} (m/h) or more:
     * false only when it is below by a margin (a millionth of its rise and of the threshold's) far
     * wider than the rounding of the stages' float differences, so that every pair of points joined
     * only by such steps has a slope below the threshold as {@link #slopeAtLeast} and {@link
     * #theilSen} compute it (a pair's slope is a weighted mean of its steps').
     */
    private static boolean stepMayReach(long[] times, float[] stages, int i, double threshold) {
        double rise = (stages[i] - stages[i - 1]) * 3_600_000.0;
        long dt = times[i] - times[i - 1];
        double bar = threshold * dt;
        return rise + 1e-6 * (Math.abs(rise) + Math.abs(bar)) >= bar;
    }

    /**
     * At least as many as the pairs whose slope reaches {@code threshold}: a pair can only if a
     * step between its points may ({@link #stepMayReach}), so the pairs within runs of points
     * joined by steps that cannot are left out. One pass instead of up to 496 pairs: a river that
     * stepped up once and is otherwise steady is decided here.
     */
    static int pairsThatMayReach(long[] times, float[] values, double threshold) {
        int n = times.length;
        int bound = n * (n - 1) / 2;
        int run = 1;
        for (int i = 1; i < n; i++) {
            if (stepMayReach(times, values, i, threshold)) {
                bound -= run * (run - 1) / 2;
                run = 1;
            } else {
                run++;
            }
        }
        return bound - run * (run - 1) / 2;
    }

    /**
     * Whether {@code theilSen(times, values) >= threshold}, decided by counting the pairwise slopes
     * at or above the threshold instead of selecting their median: no division and no array per
     * pair. A pair whose slope lies within rounding of the threshold is divided exactly as {@link
     * #theilSen} does, so the answer is the same as comparing its result; when the two middle
     * slopes of an even count straddle the threshold, their mean decides, computed by {@link
     * #theilSen}.
     */
    static boolean slopeAtLeast(long[] times, float[] values, double threshold) {
        int n = times.length;
        int pairs = n * (n - 1) / 2;
        if (pairs == 0) {
            throw new IllegalArgumentException("times: expected at least 2 points");
        }
        // The median is the (pairs / 2)-th smallest slope (0-based), or for an even count the mean
        // of it and the one below: with `needed` slopes at or above the threshold the upper middle
        // one is, with one more both are.
        int needed = pairs - pairs / 2;
        if (pairsThatMayReach(times, values, threshold) < needed) {
            return false; // fewer pairs can reach it than the median needs
        }
        int sure = needed + (pairs % 2 == 0 ? 1 : 0);
        int atLeast = 0;
        int left = pairs;
        for (int i = 0; i < n - 1; i++) {
            long ti = times[i];
            float vi = values[i];
            for (int j = i + 1; j < n; j++) {
                double rise = (values[j] - vi) * 3_600_000.0;
                long dt = times[j] - ti;
                double bar = threshold * dt;
                if (Math.abs(rise - bar) > 1e-9 * (Math.abs(rise) + Math.abs(bar))) {
                    if (rise > bar) {
                        atLeast++;
                    }
                } else if (rise / dt >= threshold) {
                    atLeast++;
                }
            }
            left -= n - 1 - i;
            if (atLeast >= sure) {
                return true;
            }
            if (atLeast + left < needed) {
                return false; // even if every slope left reached it
            }
        }
        if (pairs % 2 == 0 && atLeast == needed) {
            return theilSen(times, values) >= threshold;
        }
        return atLeast >= sure;
    }

    /** Theil–Sen slope in units per hour: the median of all pairwise slopes. */
    public static double theilSen(long[] times, float[] values) {
        int n = times.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long ti = times[i];
            float vi = values[i];
            for (int j = i + 1; j < n; j++) {
                // metres per hour, with one division per pair (this runs for every water level
                // at or above the stage floor: up to 496 pairs)
                slopes[k++] = (values[j] - vi) * 3_600_000.0 / (times[j] - ti);
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("times: expected at least 2 points");
        }
        // The median by selection (linear on average) rather than a full sort: this runs for
        // every water-level reading.
        double upper = select(slopes, k, k / 2);
        if (k % 2 == 1) {
            return upper;
        }
        double lower = slopes[0];
        for (int i = 1; i < k / 2; i++) {
            lower = Math.max(lower, slopes[i]);
        }
        return (lower + upper) / 2;
    }

    /**
     * Rearranges {@code a[0..n)} so that {@code a[k]} holds the value a sort would put there, with
     * no larger value before it and no smaller after it (Hoare's selection); returns {@code a[k]}.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
