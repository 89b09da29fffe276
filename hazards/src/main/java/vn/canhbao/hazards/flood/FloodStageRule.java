package vn.canhbao.hazards.flood;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.hazards.alert.AlertEpisode;
import vn.canhbao.hazards.alert.AlertLifecycle;
import vn.canhbao.hazards.alert.LifecycleChange;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.alert.LifecycleStep;

/**
 * The flood-stage rule: a water level against a site's alarm levels, with persistence to raise and
 * hysteresis to clear. A pure function of its inputs, so a replay of the same readings yields the
 * same transitions, alert ids and revisions. Immutable and thread-safe.
 *
 * <ul>
 *   <li><b>Raise / escalate.</b> The persistent stage is the highest stage that at least {@code k}
 *       of the last {@code n} samples reach (at or above its threshold). With no open episode, a
 *       persistent stage raises an episode (revision 0) whose start is the time of the reading that
 *       completed the persistence test. A persistent stage above the episode's stage escalates it.
 *   <li><b>De-escalate / clear.</b> For each stage at or below the episode's stage the rule tracks
 *       since when the level has stayed continuously below threshold − deadband. A stage that has
 *       stayed below for {@code clearTime} is left: the episode falls to the highest stage not
 *       left, or clears when even BĐ I is left. After a fall, the persistence window restarts from
 *       the current sample, so old high samples cannot re-escalate at once.
 *   <li>A transition is announced only when the risk level changes (or on raise and clear).
 *   <li>A sample not newer than the last one is a duplicate or out of order: it is ignored.
 *   <li>With no episode and no recent sample at or above BĐ I, the state is {@link
 *       FloodRuleState#EMPTY}: quiet sensors need no stored state.
 * </ul>
 */
public final class FloodStageRule {
    private final FloodStageTable table;
    private final AlertLifecycle lifecycle;

    public FloodStageRule(FloodStageTable table) {
        this.table = Objects.requireNonNull(table, "table");
        this.lifecycle = new AlertLifecycle(grade -> table.levelOf(FloodStage.values()[grade - 1]));
    }

    public FloodStageTable table() {
        return table;
    }

    /**
     * Evaluates one sample.
     *
     * @param state what was remembered for this sensor ({@link FloodRuleState#EMPTY} at first)
     * @param sample the calibrated water level
     * @param thresholds the site's alarm levels, as currently configured
     * @param params persistence and hysteresis settings
     */
    public FloodRuleResult evaluate(
            FloodRuleState state,
            StageSample sample,
            FloodThresholds thresholds,
            FloodRuleParams params) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(params, "params");
        if (state.isEmpty() && !(sample.stage() >= thresholds.alarm1())) {
            // The usual quiet reading: no episode, nothing recent to remember, and below BĐ I, the
            // lowest stage (FloodThresholds keeps them ascending), so nothing reached.
            return QUIET;
        }
        List<StageSample> recent = state.recent();
        if (!recent.isEmpty() && !sample.time().isAfter(recent.get(recent.size() - 1).time())) {
            return new FloodRuleResult(state, Optional.empty());
        }
        List<StageSample> window = append(state.recent(), sample, params.persistenceN());
        Optional<FloodStage> persistent =
                persistentStage(window, thresholds, params.persistenceK());
        int persistentGrade = persistent.map(s -> s.ordinal() + 1).orElse(0);
        LifecycleStep step =
                lifecycle.step(
                        state.episode().map(FloodStageRule::toLifecycle),
                        persistentGrade,
                        holdGrade(sample, thresholds, params.deadbandMetres()),
                        sample.time(),
                        new LifecycleParams(
                                params.persistenceK(),
                                params.persistenceN(),
                                params.clearTime(),
                                Duration.ZERO));
        Optional<FloodRuleState.Episode> episode =
                step.episode().map(FloodStageRule::fromLifecycle);
        if (step.change().isEmpty()) {
            List<StageSample> kept = step.fell() ? List.of(sample) : window;
            return new FloodRuleResult(
                    episode.isEmpty()
                            ? quietOrKeep(kept, thresholds)
                            : new FloodRuleState(kept, episode),
                    Optional.empty());
        }
        LifecycleChange change = step.change().get();
        FloodStage stage = FloodStage.values()[change.grade() - 1];
        List<Evidence> evidence;
        if (!step.fell()) {
            evidence = exceedances(window, stage, thresholds);
        } else {
            FloodStage leftStage =
                    change.state() == AlertState.CLEARED
                            ? FloodStage.ALARM_1
                            : FloodStage.values()[change.grade()];
            evidence = List.of(evidence(sample, leftStage, thresholds));
        }
        FloodTransition transition =
                new FloodTransition(
                        change.state(),
                        stage,
                        change.level(),
                        change.episodeStart(),
                        change.revision(),
                        change.time(),
                        evidence,
                        table.ruleId(),
                        table.version());
        List<StageSample> kept = step.fell() ? List.of(sample) : window;
        FloodRuleState next =
                episode.isEmpty()
                        ? quietOrKeep(kept, thresholds)
                        : new FloodRuleState(kept, episode);
        return new FloodRuleResult(next, Optional.of(transition));
    }

    /** {@link FloodStage#values()} once: the rule looks at every stage for every reading. */
    private static final FloodStage[] STAGES = FloodStage.values();

    private static final FloodRuleResult QUIET =
            new FloodRuleResult(FloodRuleState.EMPTY, Optional.empty());

    /** The highest stage the sample still sustains: at or above its threshold − deadband. */
    private static int holdGrade(StageSample sample, FloodThresholds thresholds, double deadband) {
        int hold = 0;
        for (FloodStage stage : STAGES) {
            // NaN (no such stage at the site) compares false
            if (sample.stage() >= stage.thresholdOrNaN(thresholds) - deadband) {
                hold = stage.ordinal() + 1;
            }
        }
        return hold;
    }

    private static AlertEpisode toLifecycle(FloodRuleState.Episode e) {
        Map<Integer, Instant> below;
        if (e.belowSince().isEmpty()) {
            below = Map.of();
        } else {
            below = new HashMap<>();
            e.belowSince().forEach((stage, since) -> below.put(stage.ordinal() + 1, since));
        }
        return new AlertEpisode(
                e.start(), e.stage().ordinal() + 1, e.level(), e.revision(), e.start(), below);
    }

    private static FloodRuleState.Episode fromLifecycle(AlertEpisode e) {
        Map<FloodStage, Instant> below;
        if (e.belowSince().isEmpty()) {
            below = Map.of();
        } else {
            below = new EnumMap<>(FloodStage.class);
            e.belowSince()
                    .forEach((grade, since) -> below.put(FloodStage.values()[grade - 1], since));
        }
        return new FloodRuleState.Episode(
                e.start(), FloodStage.values()[e.grade() - 1], e.level(), e.revision(), below);
    }

    private static List<StageSample> append(List<StageSample> recent, StageSample sample, int n) {
        int from = Math.max(0, recent.size() - (n - 1));
        StageSample[] window = new StageSample[recent.size() - from + 1];
        for (int i = from; i < recent.size(); i++) {
            window[i - from] = recent.get(i);
        }
        window[window.length - 1] = sample;
        return List.of(window);
    }

    /** The highest stage reached by at least {@code k} samples of the window. */
    static Optional<FloodStage> persistentStage(
            List<StageSample> window, FloodThresholds thresholds, int k) {
        Optional<FloodStage> highest = Optional.empty();
        for (FloodStage stage : STAGES) {
            double value = stage.thresholdOrNaN(thresholds);
            if (Double.isNaN(value)) {
                continue;
            }
            int reached = 0;
            // Indexed: an iterator per stage and reading was a third of this rule's allocation.
            for (int i = 0, n = window.size(); i < n; i++) {
                if (window.get(i).stage() >= value) {
                    reached++;
                }
            }
            if (reached >= k) {
                highest = Optional.of(stage);
            }
        }
        return highest;
    }

    private static List<Evidence> exceedances(
            List<StageSample> window, FloodStage stage, FloodThresholds thresholds) {
        double threshold = stage.threshold(thresholds).orElseThrow();
        return window.stream()
                .filter(s -> s.stage() >= threshold)
                .map(s -> evidence(s, stage, thresholds))
                .toList();
    }

    private static Evidence evidence(StageSample s, FloodStage stage, FloodThresholds thresholds) {
        // A stage removed from the site's config has no value left to show; the sample stands in.
        double threshold = stage.threshold(thresholds).orElse(s.stage());
        return new Evidence(
                s.sensor(),
                Quantity.WATER_LEVEL,
                s.stage(),
                s.time(),
                s.seq(),
                stage.wireName(),
                threshold);
    }

    /** {@link FloodRuleState#EMPTY} when no sample of the window reaches BĐ I, else the window. */
    private static FloodRuleState quietOrKeep(
            List<StageSample> window, FloodThresholds thresholds) {
        double alarm1 = thresholds.alarm1();
        for (StageSample s : window) {
            if (s.stage() >= alarm1) {
                return new FloodRuleState(window, Optional.empty());
            }
        }
        return FloodRuleState.EMPTY;
    }
}
