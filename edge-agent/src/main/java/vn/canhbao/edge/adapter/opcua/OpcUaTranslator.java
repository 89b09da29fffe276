package vn.canhbao.edge.adapter.opcua;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.edge.adapter.Sample;

/**
 * Turns one OPC UA data change into a sample: status must be good, the value numeric; scale and
 * offset applied; range checked; the absolute deadband applied against the last value emitted for
 * the node (also on the client side, so a server that ignores the requested filter is still
 * deadbanded). Thread-safe.
 */
final class OpcUaTranslator {
    private final ConcurrentMap<String, Double> lastEmitted = new ConcurrentHashMap<>();

    /**
     * @param good whether the data value's status code is good
     * @param status the status code, for the rejection
     * @param value the variant's value, may be null
     * @param sourceTime the source (or server) timestamp, if valid
     * @return the sample, or empty when the change is inside the deadband
     * @throws ContractViolation naming {@code status} or {@code value}
     */
    Optional<Sample> translate(
            OpcUaNode node,
            boolean good,
            String status,
            Object value,
            Optional<Instant> sourceTime,
            Instant now) {
        if (!good) {
            throw new ContractViolation("status", status, "data value is not good");
        }
        if (!(value instanceof Number n)) {
            throw new ContractViolation(
                    "value",
                    value == null ? null : value.getClass().getSimpleName() + " " + value,
                    "expected a numeric variable");
        }
        double v = n.doubleValue() * node.scale() + node.offset();
        Sample s = new Sample(node.sensor(), node.quantity(), v, sourceTime.orElse(now));
        Double last = lastEmitted.get(node.nodeId());
        if (last != null && node.deadband() > 0 && Math.abs(v - last) < node.deadband()) {
            return Optional.empty();
        }
        lastEmitted.put(node.nodeId(), v);
        return Optional.of(s);
    }

    /** Forgets the last values, so the first value after a reconnect is always a sample. */
    void reset() {
        lastEmitted.clear();
    }

    static Optional<Instant> time(Instant source, Instant server) {
        Instant floor = Instant.parse("2000-01-01T00:00:00Z");
        if (source != null && source.isAfter(floor)) {
            return Optional.of(source);
        }
        if (server != null && server.isAfter(floor)) {
            return Optional.of(server);
        }
        return Optional.empty();
    }

    static String describe(OpcUaNode node) {
        return Objects.toString(node.nodeId());
    }
}
