package vn.canhbao.hazards.alert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AlertLifecycle#evaluate} remembers: the last candidate grades (oldest first, at most
 * {@code persistenceN}) and the open episode. Immutable; Jackson-serializable; {@link #EMPTY} means
 * "nothing to keep".
 */
public record LifecycleState(List<Integer> recent, Optional<AlertEpisode> episode) {
    public static final LifecycleState EMPTY = new LifecycleState(List.of(), Optional.empty());

    public LifecycleState {
        recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
        Objects.requireNonNull(episode, "episode");
    }

    public boolean isEmpty() {
        if (episode.isPresent()) {
            return false;
        }
        for (int i = 0; i < recent.size(); i++) {
            if (recent.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
