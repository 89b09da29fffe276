package vn.canhbao.edge.adapter;

import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/**
 * One measurement an adapter translated from a sensor's own protocol, before the agent gives it a
 * gateway sequence number and journals it as a {@code Reading}.
 *
 * <p>Always valid: the value is finite and inside the quantity's physical range, in the quantity's
 * unit (adapters convert or reject, they never pass a foreign unit on).
 */
public record Sample(SensorId sensor, Quantity quantity, double value, Instant time) {
    public Sample {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new ContractViolation("v", value, "value must be a finite number");
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
    }
}
