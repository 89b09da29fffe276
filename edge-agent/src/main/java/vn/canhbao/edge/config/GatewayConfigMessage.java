package vn.canhbao.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;

/**
 * The registry's retained configuration for one gateway, {@code cb.gateway-config.v1} (written by
 * device-registry's {@code GatewayConfigs}):
 *
 * <pre>{"schema":"cb.gateway-config.v1","gateway":"gw-1","version":4,
 *  "sensors":["rg-1","wl-1"],"site":{...SiteConfig...}}</pre>
 *
 * @param gateway the gateway it is for
 * @param version the site's version; increases with every change
 * @param sensors this gateway's own sensors (a subset of the site's)
 * @param site the whole site config: thresholds, every sensor and its calibration
 */
public record GatewayConfigMessage(
        GatewayId gateway, long version, List<SensorId> sensors, SiteConfig site) {
    public static final String SCHEMA = "cb.gateway-config.v1";

    /** A config bigger than this is refused unparsed. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Set<String> FIELDS =
            Set.of("schema", "gateway", "version", "sensors", "site");

    public GatewayConfigMessage {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(site, "site");
        sensors = List.copyOf(sensors);
    }

    /** The site's sensors that report through this gateway. */
    public List<SensorConfig> ownSensors() {
        return site.sensors().stream().filter(s -> sensors.contains(s.sensor())).toList();
    }

    /**
     * The version field alone, for acknowledging a message that fails validation; -1 when absent.
     */
    public static long versionOf(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            JsonNode v = node == null ? null : node.get("version");
            return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Parses and checks everything: schema, gateway, version, the site config (as contracts
     * validates it), and that the gateway's sensor list matches the site's sensors for it.
     *
     * @throws ContractViolation naming the field and the value at fault
     */
    public static GatewayConfigMessage parse(byte[] payload, GatewayId expected) {
        if (payload == null || payload.length == 0) {
            throw new ContractViolation("payload", null, "expected a " + SCHEMA + " JSON object");
        }
        if (payload.length > MAX_BYTES) {
            throw new ContractViolation(
                    "payload", payload.length + " bytes", "at most " + MAX_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new ContractViolation("payload", null, "not valid JSON: " + firstLine(e));
        }
        if (node == null || !node.isObject()) {
            throw new ContractViolation("payload", null, "expected a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new ContractViolation(f, null, "unknown field in " + SCHEMA);
            }
        }
        String schema = text(node, "schema");
        if (!SCHEMA.equals(schema)) {
            throw new ContractViolation("schema", schema, "expected " + SCHEMA);
        }
        String gw = text(node, "gateway");
        if (!expected.value().equals(gw)) {
            throw new ContractViolation("gateway", gw, "this gateway is " + expected.value());
        }
        JsonNode v = node.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new ContractViolation("version", v, "expected an integer version of 1 or more");
        }
        long version = v.asLong();
        JsonNode list = node.get("sensors");
        if (list == null || !list.isArray()) {
            throw new ContractViolation("sensors", list, "expected an array of sensor ids");
        }
        List<SensorId> sensors = new ArrayList<>();
        Set<SensorId> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            if (!s.isTextual()) {
                throw new ContractViolation("sensors[" + i + "]", s, "expected a sensor id");
            }
            SensorId id;
            try {
                id = SensorId.of(s.asText());
            } catch (ContractViolation e) {
                throw new ContractViolation("sensors[" + i + "]", s.asText(), e.reason());
            }
            if (!seen.add(id)) {
                throw new ContractViolation("sensors[" + i + "]", id.value(), "duplicate sensor");
            }
            sensors.add(id);
        }
        JsonNode siteNode = node.get("site");
        if (siteNode == null || !siteNode.isObject()) {
            throw new ContractViolation("site", siteNode, "expected the site config object");
        }
        SiteConfig site;
        try {
            site = SiteConfig.CODEC.decode(Json.mapper().writeValueAsBytes(siteNode));
        } catch (ContractViolation e) {
            throw new ContractViolation("site." + e.field(), e.value(), e.reason());
        } catch (IOException e) {
            throw new ContractViolation("site", null, firstLine(e));
        }
        if (site.version() != version) {
            throw new ContractViolation(
                    "site.version", site.version(), "must equal version (" + version + ")");
        }
        Set<SensorId> forUs = new TreeSet<>(java.util.Comparator.comparing(SensorId::value));
        for (int i = 0; i < site.sensors().size(); i++) {
            SensorConfig s = site.sensors().get(i);
            if (s.gateway().equals(expected)) {
                forUs.add(s.sensor());
            }
        }
        for (int i = 0; i < sensors.size(); i++) {
            if (!forUs.contains(sensors.get(i))) {
                throw new ContractViolation(
                        "sensors[" + i + "]",
                        sensors.get(i).value(),
                        "not a sensor of this gateway in site.sensors");
            }
        }
        for (SensorId id : forUs) {
            if (!seen.contains(id)) {
                throw new ContractViolation(
                        "sensors", id.value(), "site.sensors lists it for this gateway");
            }
        }
        return new GatewayConfigMessage(expected, version, sensors, site);
    }

    private static String text(JsonNode node, String field) {
        JsonNode f = node.get(field);
        if (f == null || !f.isTextual()) {
            throw new ContractViolation(field, f, "expected a string");
        }
        return f.asText();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
