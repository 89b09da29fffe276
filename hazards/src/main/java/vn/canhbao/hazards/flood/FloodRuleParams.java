package vn.canhbao.hazards.flood;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the flood-stage rule: persistence to raise or escalate, hysteresis to de-escalate or
 * clear (DOMAIN-HAZARDS.md section 3, items 3 and 4).
 *
 * @param persistenceK raise or escalate to a stage only when at least {@code k} of the last {@code
 *     n} samples are at or above it (default 2)
 * @param persistenceN the window of the persistence test, in samples (default 3)
 * @param deadbandMetres to de-escalate below a stage, the level must be below the stage minus this
 *     many metres (default 0.05 m)
 * @param clearTime ... and stay there, in event time, for at least this long (default 10 min)
 */
public record FloodRuleParams(
        int persistenceK, int persistenceN, double deadbandMetres, Duration clearTime)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int MAX_WINDOW = 20;

    public FloodRuleParams {
        Objects.requireNonNull(clearTime, "clearTime");
        if (persistenceN < 1 || persistenceN > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "persistenceN: expected 1 to "
                            + MAX_WINDOW
                            + " samples (got "
                            + persistenceN
                            + ")");
        }
        if (persistenceK < 1 || persistenceK > persistenceN) {
            throw new IllegalArgumentException(
                    "persistenceK: expected 1 to persistenceN ("
                            + persistenceN
                            + ") samples (got "
                            + persistenceK
                            + ")");
        }
        if (!Double.isFinite(deadbandMetres) || deadbandMetres < 0) {
            throw new IllegalArgumentException(
                    "deadbandMetres: expected a finite, non-negative number of metres (got "
                            + deadbandMetres
                            + ")");
        }
        if (clearTime.isNegative()) {
            throw new IllegalArgumentException(
                    "clearTime: expected zero or more (got " + clearTime + ")");
        }
    }

    /** 2 of 3 samples, 0.05 m deadband, 10 minutes to clear. */
    public static FloodRuleParams defaults() {
        return new FloodRuleParams(2, 3, 0.05, Duration.ofMinutes(10));
    }

    public FloodRuleParams withClearTime(Duration clearTime) {
        return new FloodRuleParams(persistenceK, persistenceN, deadbandMetres, clearTime);
    }
}
