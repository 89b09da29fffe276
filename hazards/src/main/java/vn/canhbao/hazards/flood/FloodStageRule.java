package vn.canhbao.hazards.flood;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;

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

    public FloodStageRule(FloodStageTable table) {
        this.table = Objects.requireNonNull(table, "table");
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
        if (state.lastTime().isPresent() && !sample.time().isAfter(state.lastTime().get())) {
            return new FloodRuleResult(state, Optional.empty());
        }
        List<StageSample> window = append(state.recent(), sample, params.persistenceN());
        Optional<FloodStage> persistent =
                persistentStage(window, thresholds, params.persistenceK());

        if (state.episode().isEmpty()) {
            if (persistent.isEmpty()) {
                return new FloodRuleResult(quietOrKeep(window, thresholds), Optional.empty());
            }
            FloodStage stage = persistent.get();
            FloodRuleState.Episode episode =
                    new FloodRuleState.Episode(
                            sample.time(), stage, table.levelOf(stage), 0, Map.of());
            FloodTransition raised =
                    transition(
                            AlertState.RAISED,
                            episode,
                            sample,
                            exceedances(window, stage, thresholds));
            return new FloodRuleResult(
                    new FloodRuleState(window, Optional.of(episode)), Optional.of(raised));
        }

        FloodRuleState.Episode episode = state.episode().get();
        if (persistent.isPresent() && persistent.get().compareTo(episode.stage()) > 0) {
            return escalate(episode, persistent.get(), window, sample, thresholds, params);
        }
        Map<FloodStage, Instant> below =
                trackBelow(episode, episode.stage(), sample, thresholds, params);
        Optional<FloodStage> target =
                highestNotLeft(episode.stage(), below, sample, params.clearTime());
        if (target.isPresent() && target.get() == episode.stage()) {
            FloodRuleState.Episode kept =
                    new FloodRuleState.Episode(
                            episode.start(),
                            episode.stage(),
                            episode.level(),
                            episode.revision(),
                            below);
            return new FloodRuleResult(
                    new FloodRuleState(window, Optional.of(kept)), Optional.empty());
        }
        FloodStage leftStage =
                target.map(t -> FloodStage.values()[t.ordinal() + 1]).orElse(FloodStage.ALARM_1);
        List<Evidence> evidence = List.of(evidence(sample, leftStage, thresholds));
        List<StageSample> restarted = List.of(sample);
        if (target.isEmpty()) {
            FloodRuleState.Episode ended =
                    new FloodRuleState.Episode(
                            episode.start(),
                            episode.stage(),
                            episode.level(),
                            episode.revision() + 1,
                            Map.of());
            FloodTransition cleared = transition(AlertState.CLEARED, ended, sample, evidence);
            return new FloodRuleResult(quietOrKeep(restarted, thresholds), Optional.of(cleared));
        }
        return change(episode, target.get(), below, restarted, sample, evidence);
    }

    private FloodRuleResult escalate(
            FloodRuleState.Episode episode,
            FloodStage stage,
            List<StageSample> window,
            StageSample sample,
            FloodThresholds thresholds,
            FloodRuleParams params) {
        Map<FloodStage, Instant> below = trackBelow(episode, stage, sample, thresholds, params);
        return change(
                episode, stage, below, window, sample, exceedances(window, stage, thresholds));
    }

    /** Moves the episode to {@code stage}; announces it only if the level changes. */
    private FloodRuleResult change(
            FloodRuleState.Episode episode,
            FloodStage stage,
            Map<FloodStage, Instant> below,
            List<StageSample> window,
            StageSample sample,
            List<Evidence> evidence) {
        RiskLevel level = table.levelOf(stage);
        Map<FloodStage, Instant> kept = new EnumMap<>(FloodStage.class);
        below.forEach(
                (s, since) -> {
                    if (s.compareTo(stage) <= 0) {
                        kept.put(s, since);
                    }
                });
        if (level == episode.level()) {
            FloodRuleState.Episode moved =
                    new FloodRuleState.Episode(
                            episode.start(), stage, level, episode.revision(), kept);
            return new FloodRuleResult(
                    new FloodRuleState(window, Optional.of(moved)), Optional.empty());
        }
        FloodRuleState.Episode moved =
                new FloodRuleState.Episode(
                        episode.start(), stage, level, episode.revision() + 1, kept);
        FloodTransition updated = transition(AlertState.UPDATED, moved, sample, evidence);
        return new FloodRuleResult(
                new FloodRuleState(window, Optional.of(moved)), Optional.of(updated));
    }

    private FloodTransition transition(
            AlertState state,
            FloodRuleState.Episode episode,
            StageSample sample,
            List<Evidence> evidence) {
        return new FloodTransition(
                state,
                episode.stage(),
                episode.level(),
                episode.start(),
                episode.revision(),
                sample.time(),
                evidence,
                table.ruleId(),
                table.version());
    }

    private static List<StageSample> append(List<StageSample> recent, StageSample sample, int n) {
        List<StageSample> window = new ArrayList<>(n);
        int from = Math.max(0, recent.size() - (n - 1));
        window.addAll(recent.subList(from, recent.size()));
        window.add(sample);
        return List.copyOf(window);
    }

    /** The highest stage reached by at least {@code k} samples of the window. */
    static Optional<FloodStage> persistentStage(
            List<StageSample> window, FloodThresholds thresholds, int k) {
        Optional<FloodStage> highest = Optional.empty();
        for (FloodStage stage : FloodStage.values()) {
            OptionalDouble threshold = stage.threshold(thresholds);
            if (threshold.isEmpty()) {
                continue;
            }
            long reached =
                    window.stream().filter(s -> s.stage() >= threshold.getAsDouble()).count();
            if (reached >= k) {
                highest = Optional.of(stage);
            }
        }
        return highest;
    }

    /**
     * Since when each stage up to {@code upTo} has been left (level below threshold − deadband); a
     * stage whose threshold is no longer configured counts as left.
     */
    private static Map<FloodStage, Instant> trackBelow(
            FloodRuleState.Episode episode,
            FloodStage upTo,
            StageSample sample,
            FloodThresholds thresholds,
            FloodRuleParams params) {
        Map<FloodStage, Instant> below = new EnumMap<>(FloodStage.class);
        for (FloodStage stage : FloodStage.values()) {
            if (stage.compareTo(upTo) > 0) {
                break;
            }
            OptionalDouble threshold = stage.threshold(thresholds);
            boolean isBelow =
                    threshold.isEmpty()
                            || sample.stage() < threshold.getAsDouble() - params.deadbandMetres();
            if (isBelow) {
                below.put(stage, episode.belowSince().getOrDefault(stage, sample.time()));
            }
        }
        return below;
    }

    /** The highest stage up to {@code current} not yet left for {@code clearTime}, if any. */
    private static Optional<FloodStage> highestNotLeft(
            FloodStage current,
            Map<FloodStage, Instant> below,
            StageSample sample,
            Duration clearTime) {
        for (int i = current.ordinal(); i >= 0; i--) {
            FloodStage stage = FloodStage.values()[i];
            Instant since = below.get(stage);
            boolean left =
                    since != null
                            && Duration.between(since, sample.time()).compareTo(clearTime) >= 0;
            if (!left) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
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
        boolean anyHigh = window.stream().anyMatch(s -> s.stage() >= thresholds.alarm1());
        return anyHigh ? new FloodRuleState(window, Optional.empty()) : FloodRuleState.EMPTY;
    }
}
