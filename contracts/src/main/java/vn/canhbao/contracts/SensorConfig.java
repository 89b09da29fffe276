package vn.canhbao.contracts;

import java.time.Duration;
import java.util.Objects;

/**
 * A sensor as the platform knows it.
 *
 * @param sensor its id
 * @param gateway the gateway it reports through
 * @param quantity what it measures
 * @param scale calibrated = raw × scale + offset
 * @param offset calibrated = raw × scale + offset, in the quantity's unit
 * @param expectedInterval how often it should report; silence well past it is a device alert
 */
public record SensorConfig(
        SensorId sensor,
        GatewayId gateway,
        Quantity quantity,
        double scale,
        double offset,
        Duration expectedInterval) {
    public SensorConfig {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        if (!Double.isFinite(scale) || scale == 0) {
            throw new ContractViolation(
                    "sensors.scale", scale, "expected a finite, non-zero factor");
        }
        if (!Double.isFinite(offset)) {
            throw new ContractViolation("sensors.offset", offset, "expected a finite offset");
        }
        if (expectedInterval.isNegative() || expectedInterval.isZero()) {
            throw new ContractViolation(
                    "sensors.expectedInterval", expectedInterval, "expected a positive duration");
        }
    }

    public double calibrate(double raw) {
        return raw * scale + offset;
    }
}
