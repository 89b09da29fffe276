package vn.canhbao.hazards.landslide;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed-step series a {@link MovementTracker} keeps.
 *
 * @param step one value per step (the newest reading in it)
 * @param slots how many steps are kept (the ring spans {@code step × slots})
 */
public record MovementParams(Duration step, int slots) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public MovementParams {
        Objects.requireNonNull(step, "step");
        if (step.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "step: expected 1 minute or more (got " + step + ")");
        }
        if (slots < 4 || slots > 400) {
            throw new IllegalArgumentException("slots: expected 4 to 400 (got " + slots + ")");
        }
    }

    /** Extensometers: 10-minute steps over 8 hours (NIED samples every 10 min [V]). */
    public static MovementParams extensometer() {
        return new MovementParams(Duration.ofMinutes(10), 48);
    }

    /** Tiltmeters: hourly steps over a week and an hour (the guideline's 1-week criterion). */
    public static MovementParams tiltmeter() {
        return new MovementParams(Duration.ofHours(1), 169);
    }

    /** How many steps make {@code d} (at least 1). */
    public int steps(Duration d) {
        return (int) Math.max(1, d.toMillis() / step.toMillis());
    }
}
