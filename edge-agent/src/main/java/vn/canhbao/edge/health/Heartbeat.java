package vn.canhbao.edge.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.camera.CameraHealth;

/**
 * One heartbeat, {@code cb.gateway-health.v1}, published on {@code cb/v1/gw/{gw}/health}. See the
 * module README for the JSON.
 *
 * @param journalRecords records waiting in the journal (or outbox) for the broker
 * @param journalBytes their bytes
 * @param diskFreeBytes usable bytes on the data dir's file system
 * @param clockBehindAtLeast lower bound of how far the gateway clock is behind the registry's (from
 *     config messages); empty before the first config message
 * @param extra component counters (warnings, config, uplink), added as they are
 */
public record Heartbeat(
        GatewayId gateway,
        Instant at,
        String agentVersion,
        Duration uptime,
        long journalRecords,
        long journalBytes,
        long diskFreeBytes,
        Map<String, Instant> lastSeen,
        Optional<Duration> clockBehindAtLeast,
        List<CameraHealth> cameras,
        List<AdapterStats> adapters,
        Map<String, Map<String, Long>> rejectedByReason,
        Map<String, Object> extra) {
    public static final String SCHEMA = "cb.gateway-health.v1";

    public Heartbeat {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(clockBehindAtLeast, "clockBehindAtLeast");
        lastSeen = Map.copyOf(lastSeen);
        cameras = List.copyOf(cameras);
        adapters = List.copyOf(adapters);
        rejectedByReason = Map.copyOf(rejectedByReason);
        extra = Map.copyOf(extra);
    }

    public byte[] toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("schema", SCHEMA);
        n.put("gateway", gateway.value());
        n.put("at", at.toString());
        n.put("agentVersion", agentVersion);
        n.put("uptimeSeconds", uptime.toSeconds());
        ObjectNode j = n.putObject("journal");
        j.put("records", journalRecords);
        j.put("bytes", journalBytes);
        n.put("diskFreeBytes", diskFreeBytes);
        ObjectNode seen = n.putObject("lastSeen");
        new java.util.TreeMap<>(lastSeen).forEach((k, v) -> seen.put(k, v.toString()));
        ObjectNode clock = n.putObject("clock");
        clock.put("method", "config-updatedAt-lower-bound");
        if (clockBehindAtLeast.isPresent()) {
            clock.put("behindAtLeastMillis", clockBehindAtLeast.get().toMillis());
        } else {
            clock.putNull("behindAtLeastMillis");
        }
        ArrayNode cams = n.putArray("cameras");
        for (CameraHealth c : cameras) {
            ObjectNode o = cams.addObject();
            o.put("camera", c.camera().value());
            o.put("up", c.up());
            o.put("checkedAt", c.checkedAt().toString());
            c.codec().ifPresent(v -> o.put("codec", v));
            c.error().ifPresent(v -> o.put("error", v));
        }
        ArrayNode ads = n.putArray("adapters");
        for (AdapterStats a : adapters) {
            ObjectNode o = ads.addObject();
            o.put("adapter", a.adapter());
            o.put("up", a.up());
            o.put("accepted", a.accepted());
            o.put("rejected", a.rejected());
            o.put("sinkFailures", a.sinkFailures());
            a.lastAcceptedAt().ifPresent(t -> o.put("lastAcceptedAt", t.toString()));
            ObjectNode reasons = o.putObject("rejectedByReason");
            rejectedByReason.getOrDefault(a.adapter(), Map.of()).forEach(reasons::put);
        }
        new java.util.TreeMap<>(extra).forEach((k, v) -> n.set(k, Json.mapper().valueToTree(v)));
        try {
            return Json.mapper().writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a heartbeat", e);
        }
    }
}
