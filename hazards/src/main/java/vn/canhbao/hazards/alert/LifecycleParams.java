package vn.canhbao.hazards.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an {@link AlertLifecycle}: persistence to raise or escalate, hysteresis in time to
 * de-escalate or clear (DOMAIN-HAZARDS.md section 3 items 3–4, section 6 "Flapping").
 *
 * @param persistenceK raise or escalate to a grade only when at least {@code k} of the last {@code
 *     n} candidate grades reach it
 * @param persistenceN the persistence window, in evaluations (1 to {@value #MAX_WINDOW})
 * @param clearTime a grade is left only after the hold grade has stayed below it continuously for
 *     this long (event time); Prometheus {@code keep_firing_for}
 * @param minDwell an episode stays at least this long at a grade before it may fall (event time)
 */
public record LifecycleParams(
        int persistenceK, int persistenceN, Duration clearTime, Duration minDwell)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_WINDOW = 20;

    public LifecycleParams {
        Objects.requireNonNull(clearTime, "clearTime");
        Objects.requireNonNull(minDwell, "minDwell");
        if (persistenceN < 1 || persistenceN > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "persistenceN: expected 1 to " + MAX_WINDOW + " (got " + persistenceN + ")");
        }
        if (persistenceK < 1 || persistenceK > persistenceN) {
            throw new IllegalArgumentException(
                    "persistenceK: expected 1 to persistenceN ("
                            + persistenceN
                            + ") (got "
                            + persistenceK
                            + ")");
        }
        if (clearTime.isNegative()) {
            throw new IllegalArgumentException(
                    "clearTime: expected zero or more (got " + clearTime + ")");
        }
        if (minDwell.isNegative()) {
            throw new IllegalArgumentException(
                    "minDwell: expected zero or more (got " + minDwell + ")");
        }
    }

    /** 2 of 3, 10 minutes to clear, no extra dwell. */
    public static LifecycleParams defaults() {
        return new LifecycleParams(2, 3, Duration.ofMinutes(10), Duration.ZERO);
    }
}
