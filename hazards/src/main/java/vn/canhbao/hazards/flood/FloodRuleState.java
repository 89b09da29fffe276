package vn.canhbao.hazards.flood;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.RiskLevel;

/**
 * What the flood-stage rule remembers about one water-level sensor between readings. Immutable;
 * {@link #EMPTY} means "nothing worth keeping", so a caller can drop its stored state.
 *
 * @param recent the last samples, oldest first, at most {@code persistenceN}
 * @param episode the open alert episode, if any
 */
public record FloodRuleState(List<StageSample> recent, Optional<Episode> episode) {

    public static final FloodRuleState EMPTY = new FloodRuleState(List.of(), Optional.empty());

    public FloodRuleState {
        recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
        Objects.requireNonNull(episode, "episode");
    }

    public boolean isEmpty() {
        return recent.isEmpty() && episode.isEmpty();
    }

    /** The newest sample's time, if any. */
    public Optional<Instant> lastTime() {
        return recent.isEmpty()
                ? Optional.empty()
                : Optional.of(recent.get(recent.size() - 1).time());
    }

    /**
     * An open alert episode.
     *
     * @param start event time of the reading that opened it (part of the alert id)
     * @param stage the stage it currently stands at
     * @param level the risk level it currently announces
     * @param revision the revision of the last transition announced
     * @param belowSince per stage at or below {@code stage}: since when (event time) the level has
     *     stayed continuously below that stage minus the deadband
     */
    public record Episode(
            Instant start,
            FloodStage stage,
            RiskLevel level,
            int revision,
            Map<FloodStage, Instant> belowSince) {
        public Episode {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(belowSince, "belowSince");
            belowSince = Map.copyOf(belowSince);
            if (revision < 0) {
                throw new IllegalArgumentException(
                        "revision: expected 0 or more (got " + revision + ")");
            }
        }
    }
}
