package vn.canhbao.hazards.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link AlertLifecycle#step}: the episode to keep (empty when none is open), the
 * transition to announce, and whether the episode fell (de-escalated or cleared), in which case a
 * rule that keeps its own persistence window should restart it so that old high samples cannot
 * re-escalate at once.
 */
public record LifecycleStep(
        Optional<AlertEpisode> episode, Optional<LifecycleChange> change, boolean fell) {
    public LifecycleStep {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(change, "change");
    }
}
