package vn.canhbao.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement as it travels from a gateway to the platform.
 *
 * @param gateway the gateway that sent it
 * @param sensor the sensor that measured it
 * @param quantity what was measured; {@code value} is in {@code quantity.unit()}
 * @param value a finite number within the quantity's physical range
 * @param time when it was measured (UTC, millisecond precision on the wire)
 * @param seq the gateway's sequence number, strictly increasing per gateway across restarts;
 *     (gateway, seq) identifies a reading, so the platform can detect loss and drop duplicates
 */
public record Reading(
        GatewayId gateway,
        SensorId sensor,
        Quantity quantity,
        double value,
        Instant time,
        long seq) {
    public Reading {
        check(gateway, sensor, quantity, value, time, seq);
    }

    /**
     * The checks of the constructor, without building a reading: packs and records re-check their
     * readings on every construction.
     *
     * @throws ContractViolation naming {@code v} or {@code seq_}
     */
    static void check(
            GatewayId gateway,
            SensorId sensor,
            Quantity quantity,
            double value,
            Instant time,
            long seq) {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new ContractViolation("v", value, "expected a finite number");
        }
        if (!quantity.inPhysicalRange(value)) {
            throw new ContractViolation(
                    "v",
                    value,
                    "outside the physical range of "
                            + quantity.wireName()
                            + " ["
                            + quantity.min()
                            + ", "
                            + quantity.max()
                            + "] "
                            + quantity.unit());
        }
        if (seq < 0) {
            throw new ContractViolation("seq_", seq, "expected a non-negative sequence number");
        }
    }

    /**
     * The key that orders readings in {@code cb.telemetry.v1}: one sensor's readings stay in order.
     */
    public String sensorKey() {
        return gateway.value() + "/" + sensor.value();
    }
}
