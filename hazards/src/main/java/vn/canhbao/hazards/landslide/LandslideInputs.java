package vn.canhbao.hazards.landslide;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.hazards.rain.RainState;

/**
 * What a site knows now, from its own per-sensor state (kept by the caller, updated with QC-passed
 * readings only). A missing input is unknown: it never lowers the grade.
 *
 * @param time event time of the evaluation (the newest reading's time)
 * @param rain the site's rain gauge
 * @param soil the newest soil moisture (volumetric %, or % of saturation after site calibration)
 * @param extensometer cumulative displacement, mm
 * @param tiltmeter cumulative tilt, degrees
 */
public record LandslideInputs(
        Instant time,
        Optional<Gauge<RainState>> rain,
        Optional<Gauge<Double>> soil,
        Optional<Gauge<MovementState>> extensometer,
        Optional<Gauge<MovementState>> tiltmeter) {
    public LandslideInputs {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(rain, "rain");
        Objects.requireNonNull(soil, "soil");
        Objects.requireNonNull(extensometer, "extensometer");
        Objects.requireNonNull(tiltmeter, "tiltmeter");
    }

    /** A sensor and what is known from it. */
    public record Gauge<T>(SensorId sensor, T value) {
        public Gauge {
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(value, "value");
        }
    }
}
