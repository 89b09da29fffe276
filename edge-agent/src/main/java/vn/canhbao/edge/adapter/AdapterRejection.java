package vn.canhbao.edge.adapter;

import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.ContractViolation;

/**
 * Input an adapter refused, with enough detail for a dead-letter record or a diagnostic: which
 * adapter, where it came from ({@code source}: a CoAP peer and path, an MQTT topic, an OPC UA
 * node), the offending field and value, and why.
 *
 * @param adapter the adapter's {@link SensorAdapter#name()}
 * @param source where the input came from, e.g. {@code coap 127.0.0.1:5683 /s/wl-nam-cang}
 * @param field the offending field, e.g. {@code [0].u}; {@code payload} for the whole payload
 * @param value the rejected value, rendered and truncated
 * @param reason what was expected
 * @param at when the input was refused
 */
public record AdapterRejection(
        String adapter, String source, String field, String value, String reason, Instant at) {
    public AdapterRejection {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public static AdapterRejection of(
            String adapter, String source, ContractViolation violation, Instant at) {
        return new AdapterRejection(
                adapter, source, violation.field(), violation.value(), violation.reason(), at);
    }

    /** One line naming field, value and reason, as sent back in CoAP diagnostics. */
    public String diagnostic() {
        return field + ": " + reason + " (got " + value + ")";
    }
}
