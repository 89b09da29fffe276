package vn.canhbao.hazards.flood;

import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;

/**
 * A water level as the flood rule sees it: the calibrated stage in metres above the gauge datum.
 *
 * @param sensor the water-level sensor
 * @param stage calibrated stage, metres above the gauge datum
 * @param time measurement time (event time)
 * @param seq the reading's gateway sequence number, for evidence
 */
public record StageSample(SensorId sensor, double stage, Instant time, long seq) {
    public StageSample {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(stage)) {
            throw new IllegalArgumentException(
                    "stage: expected a finite number of metres (got " + stage + ")");
        }
    }

    /**
     * Calibrates a raw water-level reading with its sensor's configuration.
     *
     * @throws IllegalArgumentException if the reading is not a water level or not from that sensor
     */
    public static StageSample of(Reading reading, SensorConfig sensor) {
        if (reading.quantity() != Quantity.WATER_LEVEL) {
            throw new IllegalArgumentException(
                    "quantity: the flood-stage rule needs water_level (got "
                            + reading.quantity().wireName()
                            + ")");
        }
        if (!reading.sensor().equals(sensor.sensor())) {
            throw new IllegalArgumentException(
                    "sensor: reading from "
                            + reading.sensor()
                            + " calibrated with the config of "
                            + sensor.sensor());
        }
        return new StageSample(
                reading.sensor(), sensor.calibrate(reading.value()), reading.time(), reading.seq());
    }
}
