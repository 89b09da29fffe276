package vn.canhbao.registry.distribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Json;

/**
 * A gateway's acknowledgement of a config version, received on {@code cb/v1/gw/{gw}/config/ack} as
 * {@code {"version":4,"accepted":true}} or {@code {"version":4,"accepted":false,"reason":"..."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigAck(long version, boolean accepted, String reason, Instant receivedAt) {

    /**
     * @throws ContractViolation naming the field at fault
     */
    public static ConfigAck parse(byte[] payload, Instant receivedAt) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new ContractViolation("body", null, "not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ContractViolation("body", null, "expected a JSON object");
        }
        JsonNode version = node.get("version");
        if (version == null || !version.canConvertToLong() || version.asLong() < 1) {
            throw new ContractViolation("version", version, "expected a version >= 1");
        }
        JsonNode accepted = node.get("accepted");
        if (accepted == null || !accepted.isBoolean()) {
            throw new ContractViolation("accepted", accepted, "expected true or false");
        }
        JsonNode reason = node.get("reason");
        String text = reason == null || reason.isNull() ? null : reason.asText();
        if (text != null && text.length() > 500) {
            text = text.substring(0, 500);
        }
        return new ConfigAck(version.asLong(), accepted.asBoolean(), text, receivedAt);
    }
}
