package vn.canhbao.edge.adapter.opcua;

import java.util.Objects;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/**
 * One PLC variable the adapter subscribes to, e.g. the reservoir level of a dam upstream.
 *
 * @param sensor the sensor id the readings are filed under
 * @param quantity what the variable measures, after scaling in the quantity's unit
 * @param nodeId the OPC UA node id in the standard text form, e.g. {@code
 *     ns=2;s=Dam/ReservoirLevel}
 * @param scale multiplied with the raw value (e.g. 0.01 for a PLC that reports centimetres)
 * @param offset added after scaling (e.g. the gauge datum)
 * @param deadband absolute deadband in the quantity's unit: a change smaller than this is not a new
 *     sample (0 = every change)
 */
public record OpcUaNode(
        SensorId sensor,
        Quantity quantity,
        String nodeId,
        double scale,
        double offset,
        double deadband) {
    public OpcUaNode {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(nodeId, "nodeId");
        if (org.eclipse.milo.opcua.stack.core.types.builtin.NodeId.parseOrNull(nodeId) == null) {
            throw new IllegalArgumentException("not an OPC UA node id: " + nodeId);
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and non-zero, got " + scale);
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset must be finite, got " + offset);
        }
        if (!Double.isFinite(deadband) || deadband < 0) {
            throw new IllegalArgumentException("deadband must be ≥ 0, got " + deadband);
        }
    }

    public static OpcUaNode of(SensorId sensor, Quantity quantity, String nodeId) {
        return new OpcUaNode(sensor, quantity, nodeId, 1, 0, 0);
    }

    public OpcUaNode withDeadband(double deadband) {
        return new OpcUaNode(sensor, quantity, nodeId, scale, offset, deadband);
    }

    public OpcUaNode withScale(double scale, double offset) {
        return new OpcUaNode(sensor, quantity, nodeId, scale, offset, deadband);
    }
}
