package vn.canhbao.hazards.flood;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one evaluation: the state to keep ({@link FloodRuleState#EMPTY} when nothing needs
 * keeping) and the transition to announce, if any.
 */
public record FloodRuleResult(FloodRuleState state, Optional<FloodTransition> transition) {
    public FloodRuleResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transition, "transition");
    }
}
