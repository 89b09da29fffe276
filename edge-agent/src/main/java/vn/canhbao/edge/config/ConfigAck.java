package vn.canhbao.edge.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.Json;

/**
 * The gateway's answer on {@code cb/v1/gw/{gw}/config/ack} (read by device-registry's {@code
 * ConfigAck}): {@code {"version":4,"accepted":true,"at":"…"}} or {@code
 * {"version":4,"accepted":false,"reason":"…","at":"…"}}. {@code at} is the gateway's clock.
 */
public record ConfigAck(long version, boolean accepted, Optional<String> reason, Instant at) {
    public ConfigAck {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public byte[] toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("version", version);
        node.put("accepted", accepted);
        reason.ifPresent(r -> node.put("reason", r.length() > 500 ? r.substring(0, 500) : r));
        node.put("at", at.toString());
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
