package vn.canhbao.edge.uplink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;

/**
 * The retained message on {@code MqttTopics.state(gw)}: {@code online} (birth, sent after every
 * connect) or {@code offline} (last will, and on orderly shutdown). JSON, e.g. {@code
 * {"state":"online","gateway":"gw-nam-cang","at":"2026-01-01T00:00:00Z","agentVersion":"0.1.0"}}.
 *
 * @param state {@code online} or {@code offline}
 * @param gateway the gateway
 * @param at when the state was entered; empty in the last will, which the broker sends later
 * @param agentVersion the edge-agent version
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GatewayState(
        String state, GatewayId gateway, Optional<Instant> at, String agentVersion) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public GatewayState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agentVersion, "agentVersion");
    }

    public static GatewayState online(GatewayId gateway, Instant at, String agentVersion) {
        return new GatewayState(ONLINE, gateway, Optional.of(at), agentVersion);
    }

    public static GatewayState offline(
            GatewayId gateway, Optional<Instant> at, String agentVersion) {
        return new GatewayState(OFFLINE, gateway, at, agentVersion);
    }

    public byte[] toJson() {
        try {
            return Json.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode gateway state", e);
        }
    }
}
