package vn.canhbao.stream.health;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When a silent sensor or gateway becomes an operator alert.
 *
 * @param silenceFactor a sensor is silent once nothing arrived from it for {@code silenceFactor ×}
 *     its {@code SensorConfig.expectedInterval} (processing time); default 3
 * @param timerGranularity deadlines are rounded up to a multiple of this, so that the sensors of a
 *     gateway share one timer and timer state stays small; default 10 s
 * @param rainWindow how far back rain at the same gateway counts as "raining nearby"; default 1 h
 * @param rainThresholdMm rain over {@code rainWindow} at or above which a silence is escalated;
 *     default 10 mm (a canhbao operating default, not an official figure: heavy rain of 26–50 mm in
 *     12 h is "mưa to" in NCHMF terms)
 */
public record DeviceHealthParams(
        int silenceFactor, Duration timerGranularity, Duration rainWindow, double rainThresholdMm)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeviceHealthParams {
        Objects.requireNonNull(timerGranularity, "timerGranularity");
        Objects.requireNonNull(rainWindow, "rainWindow");
        if (silenceFactor < 1 || silenceFactor > 100) {
            throw new IllegalArgumentException(
                    "silenceFactor: expected 1 to 100 (got " + silenceFactor + ")");
        }
        if (timerGranularity.isNegative() || timerGranularity.isZero()) {
            throw new IllegalArgumentException(
                    "timerGranularity: expected a positive duration (got "
                            + timerGranularity
                            + ")");
        }
        if (rainWindow.isNegative() || rainWindow.isZero()) {
            throw new IllegalArgumentException(
                    "rainWindow: expected a positive duration (got " + rainWindow + ")");
        }
        if (!(rainThresholdMm > 0) || !Double.isFinite(rainThresholdMm)) {
            throw new IllegalArgumentException(
                    "rainThresholdMm: expected a positive number of millimetres (got "
                            + rainThresholdMm
                            + ")");
        }
    }

    /** 3 × the expected interval, 10 s timer granularity, 10 mm of rain in the last hour. */
    public static DeviceHealthParams defaults() {
        return new DeviceHealthParams(3, Duration.ofSeconds(10), Duration.ofHours(1), 10.0);
    }
}
