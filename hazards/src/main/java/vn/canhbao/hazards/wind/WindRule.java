package vn.canhbao.hazards.wind;

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

/**
 * Strong wind from an anemometer: the 10-minute mean and the gust classified on the Beaufort scale
 * (levels 6–17, {@link BeaufortTable}). It raises a <i>local</i> strong-wind alert, not an official
 * storm risk level (that is NCHMF's, DOMAIN-HAZARDS.md 1.6): grade {@code g} when the mean reaches
 * {@code alertLevels[g−1]} (default Beaufort 6, 8, 10 → levels 1, 2, 3; a canhbao choice [?]).
 * Pure; immutable; thread-safe.
 */
public final class WindRule {
    public static final String RULE_ID = "wind.beaufort";

    private final BeaufortTable table;
    private final List<Integer> alertLevels;
    private final LifecycleParams lifecycleParams;
    private final AlertLifecycle lifecycle = AlertLifecycle.identity();

    public WindRule(BeaufortTable table, List<Integer> alertLevels, LifecycleParams lifecycle) {
        this.table = Objects.requireNonNull(table, "table");
        this.alertLevels = List.copyOf(alertLevels);
        this.lifecycleParams = Objects.requireNonNull(lifecycle, "lifecycle");
        if (this.alertLevels.isEmpty() || this.alertLevels.size() > 5) {
            throw new IllegalArgumentException("alertLevels: expected 1 to 5 Beaufort levels");
        }
    }

    /** Beaufort 6, 8, 10; 2 of 3; 20 min clear; 10 min dwell. */
    public static WindRule defaults() {
        return new WindRule(
                BeaufortTable.defaultTable(),
                List.of(6, 8, 10),
                new LifecycleParams(
                        2, 3, java.time.Duration.ofMinutes(20), java.time.Duration.ofMinutes(10)));
    }

    /** What a wind sensor keeps: the bins and the alert lifecycle. */
    public record State(WindState bins, LifecycleState lifecycle) {
        public static final State EMPTY = new State(WindState.EMPTY, LifecycleState.EMPTY);
    }

    public record Result(
            State state, WindObservation observation, Optional<AlertTransition> transition) {}

    /**
     * Adds a speed sample (m/s, QC-passed) and evaluates. A sample older than the 10-minute window
     * is ignored; a late one inside it counts in its bin but does not drive the lifecycle.
     */
    public Result evaluate(State state, SensorId sensor, double ms, Instant time, long seq) {
        WindState bins = add(state.bins(), ms, time);
        WindObservation obs = observe(bins, time);
        long minute = Math.floorDiv(time.getEpochSecond(), 60L);
        if (state.bins().headMinute() != Long.MIN_VALUE && minute < state.bins().headMinute()) {
            // a late sample counts in its bin but does not drive the lifecycle backwards in time
            return new Result(new State(bins, state.lifecycle()), obs, Optional.empty());
        }
        int grade = 0;
        for (int g = 1; g <= alertLevels.size(); g++) {
            if (obs.meanLevel() >= alertLevels.get(g - 1)) {
                grade = g;
            }
        }
        AlertLifecycle.Result r =
                lifecycle.evaluate(state.lifecycle(), grade, grade, time, lifecycleParams);
        Optional<AlertTransition> t =
                r.change()
                        .map(
                                c ->
                                        new AlertTransition(
                                                c,
                                                Hazard.STRONG_WIND,
                                                RULE_ID,
                                                table.version(),
                                                List.of(
                                                        new Evidence(
                                                                sensor,
                                                                Quantity.WIND_SPEED,
                                                                obs.meanMs(),
                                                                time,
                                                                seq,
                                                                "beaufort_mean_" + obs.meanLevel(),
                                                                minOf(
                                                                        alertLevels.get(
                                                                                c.grade() - 1))),
                                                        new Evidence(
                                                                sensor,
                                                                Quantity.WIND_SPEED,
                                                                obs.gustMs(),
                                                                time,
                                                                seq,
                                                                "beaufort_gust_" + obs.gustLevel(),
                                                                minOf(
                                                                        Math.max(
                                                                                6,
                                                                                obs
                                                                                        .gustLevel()))))));
        return new Result(new State(bins, r.state()), obs, t);
    }

    private double minOf(int level) {
        return table.rows().get(level - 6).minMs();
    }

    static WindState add(WindState s, double ms, Instant time) {
        long minute = Math.floorDiv(time.getEpochSecond(), 60L);
        int n = WindState.BINS;
        if (s.headMinute() != Long.MIN_VALUE && minute <= s.headMinute() - n) {
            return s;
        }
        float[] sums = new float[n];
        int[] counts = new int[n];
        float[] maxes = new float[n];
        long head = s.headMinute() == Long.MIN_VALUE ? minute : Math.max(minute, s.headMinute());
        if (s.headMinute() != Long.MIN_VALUE) {
            for (long m = Math.max(s.headMinute(), head) - n + 1; m <= s.headMinute(); m++) {
                int i = (int) Math.floorMod(m, n);
                sums[i] = s.sums()[i];
                counts[i] = s.counts()[i];
                maxes[i] = s.maxes()[i];
            }
        }
        int i = (int) Math.floorMod(minute, n);
        sums[i] += (float) ms;
        counts[i]++;
        maxes[i] = Math.max(maxes[i], (float) ms);
        return new WindState(head, sums, counts, maxes);
    }

    /** The observation over the 10 minutes ending with the bin of {@code at}. */
    public WindObservation observe(WindState s, Instant at) {
        long end = Math.floorDiv(at.getEpochSecond(), 60L);
        double sum = 0;
        int count = 0;
        double max = 0;
        for (long m = end - WindState.BINS + 1; m <= end; m++) {
            if (s.headMinute() == Long.MIN_VALUE
                    || m > s.headMinute()
                    || m <= s.headMinute() - WindState.BINS) {
                continue;
            }
            int i = (int) Math.floorMod(m, WindState.BINS);
            sum += s.sums()[i];
            count += s.counts()[i];
            max = Math.max(max, s.maxes()[i]);
        }
        double mean = count == 0 ? 0 : sum / count;
        return new WindObservation(at, mean, max, table.levelOf(mean), table.levelOf(max), count);
    }
}
