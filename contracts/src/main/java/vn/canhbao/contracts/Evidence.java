package vn.canhbao.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A reading that made a rule fire, with the threshold it was compared to.
 *
 * @param sensor the sensor that measured it
 * @param quantity what was measured
 * @param value the value the rule used (after calibration), in {@code quantity.unit()}
 * @param time measurement time
 * @param seq the reading's gateway sequence number
 * @param threshold the threshold's name, e.g. {@code BD2}
 * @param thresholdValue the threshold's value, same unit as {@code value}
 */
public record Evidence(
        SensorId sensor,
        Quantity quantity,
        double value,
        Instant time,
        long seq,
        String threshold,
        double thresholdValue) {
    public Evidence {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(threshold, "threshold");
    }
}
