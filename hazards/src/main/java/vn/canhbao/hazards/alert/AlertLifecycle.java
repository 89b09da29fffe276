package vn.canhbao.hazards.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.RiskLevel;

/**
 * The alert lifecycle every rule shares: raise, escalate, de-escalate, clear; one episode with a
 * deterministic id ({@code AlertEvent.idFor(site, hazard, ruleId, episodeStart)}); persistence
 * ({@code k} of {@code n}) to raise or escalate; hysteresis in time (clear time, minimum dwell) to
 * fall; no flapping. A pure function: the same inputs give the same steps. Immutable, thread-safe.
 *
 * <p>A rule reduces each evaluation to grades {@code 0..maxGrade} (0 = nothing): the
 * <b>candidate</b> grade it reaches now (e.g. the highest stage at or above its threshold) and the
 * <b>hold</b> grade it still sustains (the same with a deadband; {@code hold >= candidate}). Grades
 * map to risk levels with {@code levelOf}; a transition is announced only when the level changes
 * (and always on raise and clear).
 *
 * <ul>
 *   <li>Raise: no episode and the persistent grade (highest grade at least {@code k} of the last
 *       {@code n} candidates reach) is 1 or more; the episode starts at this evaluation's time.
 *   <li>Escalate: the persistent grade is above the episode's grade. Escalation is never delayed by
 *       the dwell time.
 *   <li>Fall: a grade is left once the hold grade has stayed below it for {@code clearTime} and the
 *       episode has stood at its grade for {@code minDwell}; the episode falls to the highest grade
 *       not left, or clears when grade 1 is left. Several grades may be left at once.
 * </ul>
 */
public final class AlertLifecycle {
    private final IntFunction<RiskLevel> levelOf;

    /**
     * @param levelOf the risk level of each grade from 1 (must not fall as the grade rises)
     */
    public AlertLifecycle(IntFunction<RiskLevel> levelOf) {
        this.levelOf = Objects.requireNonNull(levelOf, "levelOf");
    }

    /** Grades 1, 2, 3, ... announce risk levels 1, 2, 3, ... (capped at 5). */
    public static AlertLifecycle identity() {
        return new AlertLifecycle(g -> RiskLevel.of(Math.min(5, g)));
    }

    /**
     * Evaluates one candidate with the lifecycle's own persistence window.
     *
     * @param state what was remembered ({@link LifecycleState#EMPTY} at first)
     * @param candidate the grade reached now (0 = none)
     * @param hold the grade still sustained now, with the rule's deadband ({@code >= candidate})
     * @param time event time of the evaluation; callers drop out-of-order inputs before
     * @return the new state and the transition, if any
     */
    public Result evaluate(
            LifecycleState state, int candidate, int hold, Instant time, LifecycleParams params) {
        if (candidate == 0 && state.isEmpty()) {
            return QUIET; // nothing open, nothing reached: what the general path gives, without it
        }
        List<Integer> window = new ArrayList<>(params.persistenceN());
        int from = Math.max(0, state.recent().size() - (params.persistenceN() - 1));
        window.addAll(state.recent().subList(from, state.recent().size()));
        window.add(candidate);
        int persistent = persistentGrade(window, params.persistenceK());
        LifecycleStep step =
                step(state.episode(), persistent, Math.max(hold, candidate), time, params);
        List<Integer> kept = step.fell() ? List.of(candidate) : window;
        LifecycleState next = new LifecycleState(kept, step.episode());
        return new Result(next.isEmpty() ? LifecycleState.EMPTY : next, step.change());
    }

    private static final Result QUIET = new Result(LifecycleState.EMPTY, Optional.empty());

    /** The outcome of {@link #evaluate}. */
    public record Result(LifecycleState state, Optional<LifecycleChange> change) {
        public Result {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(change, "change");
        }
    }

    /** The highest grade at least {@code k} of the grades reach (0 if none). */
    public static int persistentGrade(List<Integer> grades, int k) {
        int max = 0;
        for (int i = 0; i < grades.size(); i++) {
            max = Math.max(max, grades.get(i));
        }
        for (int g = max; g >= 1; g--) {
            int reached = 0;
            for (int i = 0; i < grades.size(); i++) {
                if (grades.get(i) >= g) {
                    reached++;
                }
            }
            if (reached >= k) {
                return g;
            }
        }
        return 0;
    }

    /**
     * One lifecycle step for a rule that keeps its own persistence window.
     *
     * @param episode the open episode, if any
     * @param persistent the persistent grade (0 = none)
     * @param hold the grade still sustained now, with the rule's deadband
     * @param time event time of the evaluation
     */
    public LifecycleStep step(
            Optional<AlertEpisode> episode,
            int persistent,
            int hold,
            Instant time,
            LifecycleParams params) {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(time, "time");
        if (episode.isEmpty()) {
            if (persistent < 1) {
                return new LifecycleStep(Optional.empty(), Optional.empty(), false);
            }
            AlertEpisode raised =
                    new AlertEpisode(time, persistent, levelOf(persistent), 0, time, Map.of());
            return new LifecycleStep(
                    Optional.of(raised),
                    Optional.of(change(AlertState.RAISED, raised, time)),
                    false);
        }
        AlertEpisode e = episode.get();
        if (persistent > e.grade()) {
            return move(e, persistent, trackBelow(e, persistent, hold, time), time, false);
        }
        Map<Integer, Instant> below = trackBelow(e, e.grade(), hold, time);
        int target = highestNotLeft(e.grade(), below, time, params.clearTime());
        boolean dwelt = Duration.between(e.gradeSince(), time).compareTo(params.minDwell()) >= 0;
        if (target == e.grade() || !dwelt) {
            AlertEpisode kept =
                    new AlertEpisode(
                            e.start(), e.grade(), e.level(), e.revision(), e.gradeSince(), below);
            return new LifecycleStep(Optional.of(kept), Optional.empty(), false);
        }
        if (target == 0) {
            AlertEpisode ended =
                    new AlertEpisode(
                            e.start(), e.grade(), e.level(), e.revision() + 1, time, Map.of());
            return new LifecycleStep(
                    Optional.empty(), Optional.of(change(AlertState.CLEARED, ended, time)), true);
        }
        return move(e, target, below, time, true);
    }

    private LifecycleStep move(
            AlertEpisode e, int grade, Map<Integer, Instant> below, Instant time, boolean fell) {
        Map<Integer, Instant> kept = new HashMap<>();
        below.forEach(
                (g, since) -> {
                    if (g <= grade) {
                        kept.put(g, since);
                    }
                });
        RiskLevel level = levelOf(grade);
        if (level == e.level()) {
            AlertEpisode moved =
                    new AlertEpisode(e.start(), grade, level, e.revision(), time, kept);
            return new LifecycleStep(Optional.of(moved), Optional.empty(), fell);
        }
        AlertEpisode moved =
                new AlertEpisode(e.start(), grade, level, e.revision() + 1, time, kept);
        return new LifecycleStep(
                Optional.of(moved), Optional.of(change(AlertState.UPDATED, moved, time)), fell);
    }

    private static Map<Integer, Instant> trackBelow(
            AlertEpisode e, int upTo, int hold, Instant time) {
        Map<Integer, Instant> before = e.belowSince();
        // Usually nothing changed since the last step: the same grades are below, kept as they
        // are (no map per reading).
        int from = Math.max(hold + 1, 1);
        boolean same = before.size() == Math.max(0, upTo - from + 1);
        for (int g = from; same && g <= upTo; g++) {
            same = before.containsKey(g);
        }
        if (same) {
            return before;
        }
        Map<Integer, Instant> below = new HashMap<>();
        for (int g = hold + 1; g <= upTo; g++) {
            below.put(g, before.getOrDefault(g, time));
        }
        return below;
    }

    private static int highestNotLeft(
            int current, Map<Integer, Instant> below, Instant time, Duration clearTime) {
        for (int g = current; g >= 1; g--) {
            Instant since = below.get(g);
            boolean left = since != null && Duration.between(since, time).compareTo(clearTime) >= 0;
            if (!left) {
                return g;
            }
        }
        return 0;
    }

    private RiskLevel levelOf(int grade) {
        return Objects.requireNonNull(levelOf.apply(grade), "levelOf(" + grade + ")");
    }

    private static LifecycleChange change(AlertState state, AlertEpisode e, Instant time) {
        return new LifecycleChange(state, e.grade(), e.level(), e.start(), e.revision(), time);
    }
}
