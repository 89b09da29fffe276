package vn.canhbao.edge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.camera.CameraProbeConfig;
import vn.canhbao.edge.adapter.camera.CameraTarget;
import vn.canhbao.edge.adapter.coap.PskSecret;
import vn.canhbao.edge.adapter.opcua.OpcUaAdapterConfig;
import vn.canhbao.edge.adapter.opcua.OpcUaNode;
import vn.canhbao.edge.scenario.ScenarioSource;
import vn.canhbao.edge.uplink.UplinkTls;
import vn.canhbao.edge.warn.LocalWarningsConfig;
import vn.canhbao.edge.warn.WarningMode;

/**
 * The agent's own configuration file (JSON), documented key by key in the module README. Every bad
 * value throws {@link ContractViolation} naming the key path (e.g. {@code
 * localWarnings.hook.timeout}) and the value; unknown keys are refused.
 *
 * <p>What the registry decides (sites, sensors, thresholds) comes from remote config; this file
 * holds what only the gateway knows: where its broker and its local sensors are, and how to drive
 * its siren.
 */
public record EdgeAgentConfig(
        GatewayId gateway,
        Path dataDir,
        Uplink uplink,
        Duration batchInterval,
        int maxBatchReadings,
        Map<SensorId, Quantity> sensors,
        Optional<MqttLocal> mqttLocal,
        Optional<Coap> coap,
        Optional<OpcUaAdapterConfig> opcua,
        Optional<ScenarioSensors> scenario,
        Optional<CameraProbeConfig> cameras,
        LocalWarningsConfig localWarnings,
        Duration healthInterval) {

    /**
     * @param maxJournalBytes ceiling of the on-disk journal (telemetry evicted oldest first, alerts
     *     kept)
     * @param fsyncInterval the journal's group fsync period
     */
    public record Uplink(
            URI broker,
            String clientId,
            Duration sessionExpiry,
            Duration reconnectMaxDelay,
            long maxJournalBytes,
            Duration fsyncInterval,
            Optional<UplinkTls> tls,
            double replayReadingsPerSecond,
            int compressMinBytes) {}

    public record MqttLocal(URI broker, String clientId) {}

    public record Coap(
            Optional<InetSocketAddress> plain,
            Optional<InetSocketAddress> dtls,
            Map<SensorId, PskSecret> psk) {}

    public record ScenarioSensors(
            ScenarioSource source, double timeScale, Optional<Duration> interval) {}

    public EdgeAgentConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(dataDir, "dataDir");
        sensors = Map.copyOf(sensors);
    }

    private static final Set<String> TOP =
            Set.of(
                    "gateway",
                    "dataDir",
                    "uplink",
                    "batch",
                    "sensors",
                    "adapters",
                    "cameras",
                    "localWarnings",
                    "health");

    /** Reads and validates a config file. */
    public static EdgeAgentConfig load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ContractViolation(
                    "config", file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(bytes, file.toAbsolutePath().getParent());
    }

    /**
     * @param baseDir relative {@code dataDir}s are resolved against it (the config file's
     *     directory)
     */
    public static EdgeAgentConfig parse(byte[] json, Path baseDir) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new ContractViolation(
                    "config", null, "not valid JSON: " + m.lines().findFirst().orElse(m));
        }
        JsonFields f = new JsonFields(root, "", TOP);
        GatewayId gateway;
        try {
            gateway = GatewayId.of(f.text("gateway"));
        } catch (ContractViolation e) {
            throw new ContractViolation("gateway", f.raw("gateway"), e.reason());
        }
        Path dataDir = baseDir.resolve(f.text("dataDir")).normalize();

        JsonFields u =
                f.object(
                        "uplink",
                        Set.of(
                                "broker",
                                "clientId",
                                "sessionExpiry",
                                "reconnectMaxDelay",
                                "maxJournalBytes",
                                "fsyncInterval",
                                "tls",
                                "replayReadingsPerSecond",
                                "compressMinBytes"));
        URI broker = u.uri("broker", Set.of("tcp", "ssl"));
        Optional<UplinkTls> tls = Optional.empty();
        if (u.has("tls")) {
            JsonFields t = u.object("tls", Set.of("caFile", "certFile", "keyFile"));
            tls =
                    Optional.of(
                            new UplinkTls(
                                    file(t, "caFile", baseDir),
                                    file(t, "certFile", baseDir),
                                    file(t, "keyFile", baseDir)));
        }
        if (broker.getScheme().equals("ssl") && tls.isEmpty()) {
            throw new ContractViolation(
                    "uplink.tls", null, "an ssl:// broker needs caFile, certFile and keyFile");
        }
        double replay = u.number("replayReadingsPerSecond", 0);
        if (replay < 0) {
            throw new ContractViolation(
                    u.name("replayReadingsPerSecond"), replay, "expected 0 (unlimited) or more");
        }
        Uplink uplink =
                new Uplink(
                        broker,
                        u.optText("clientId").orElse("edge-" + gateway.value()),
                        u.duration(
                                "sessionExpiry",
                                Duration.ofDays(1),
                                Duration.ofMinutes(1),
                                Duration.ofDays(30)),
                        u.duration(
                                "reconnectMaxDelay",
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(1),
                                Duration.ofMinutes(10)),
                        u.integer("maxJournalBytes", 256L << 20, 1L << 20, 64L << 30),
                        u.duration(
                                "fsyncInterval",
                                Duration.ofMillis(20),
                                Duration.ZERO,
                                Duration.ofSeconds(10)),
                        tls,
                        replay,
                        (int) u.integer("compressMinBytes", 256, 0, 1 << 20));

        Duration batchInterval = Duration.ofSeconds(1);
        int maxBatch = 500;
        if (f.has("batch")) {
            JsonFields b = f.object("batch", Set.of("interval", "maxReadings"));
            batchInterval =
                    b.duration(
                            "interval",
                            batchInterval,
                            Duration.ofMillis(10),
                            Duration.ofMinutes(10));
            maxBatch = (int) b.integer("maxReadings", maxBatch, 1, 1000);
        }

        Map<SensorId, Quantity> sensors = new LinkedHashMap<>();
        if (f.has("sensors")) {
            JsonNode s = f.raw("sensors");
            if (!s.isObject()) {
                throw new ContractViolation(
                        "sensors", s, "expected an object of sensor id → quantity");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                var e = it.next();
                String path = "sensors." + e.getKey();
                SensorId id;
                try {
                    id = SensorId.of(e.getKey());
                } catch (ContractViolation cv) {
                    throw new ContractViolation(path, e.getKey(), cv.reason());
                }
                if (!e.getValue().isTextual()) {
                    throw new ContractViolation(path, e.getValue(), "expected a quantity name");
                }
                sensors.put(id, Quantity.parse(e.getValue().asText(), path));
            }
        }

        Optional<MqttLocal> mqttLocal = Optional.empty();
        Optional<Coap> coap = Optional.empty();
        Optional<OpcUaAdapterConfig> opcua = Optional.empty();
        Optional<ScenarioSensors> scenario = Optional.empty();
        if (f.has("adapters")) {
            JsonFields a = f.object("adapters", Set.of("mqttLocal", "coap", "opcua", "scenario"));
            if (a.has("mqttLocal")) {
                JsonFields m = a.object("mqttLocal", Set.of("broker", "clientId"));
                mqttLocal =
                        Optional.of(
                                new MqttLocal(
                                        m.uri("broker", Set.of("tcp", "ssl")),
                                        m.optText("clientId")
                                                .orElse("edge-local-" + gateway.value())));
            }
            if (a.has("coap")) {
                coap = Optional.of(coap(a.object("coap", Set.of("bind", "dtlsBind", "psk"))));
            }
            if (a.has("opcua")) {
                opcua =
                        Optional.of(
                                opcua(
                                        a.object(
                                                "opcua",
                                                Set.of(
                                                        "endpoint",
                                                        "nodes",
                                                        "samplingInterval",
                                                        "publishingInterval"))));
            }
            if (a.has("scenario")) {
                JsonFields s = a.object("scenario", Set.of("source", "timeScale", "interval"));
                String src = s.text("source");
                ScenarioSource source;
                try {
                    source = ScenarioSource.parse(src);
                } catch (RuntimeException e) {
                    throw new ContractViolation(
                            s.name("source"), src, String.valueOf(e.getMessage()));
                }
                double scale = s.number("timeScale", 1);
                if (!(scale > 0) || scale > 10_000) {
                    throw new ContractViolation(
                            s.name("timeScale"), scale, "expected more than 0, at most 10000");
                }
                scenario =
                        Optional.of(
                                new ScenarioSensors(
                                        source,
                                        scale,
                                        s.has("interval")
                                                ? Optional.of(
                                                        s.duration(
                                                                "interval",
                                                                null,
                                                                Duration.ofMillis(10),
                                                                Duration.ofHours(1)))
                                                : Optional.empty()));
            }
        }

        Optional<CameraProbeConfig> cameras = Optional.empty();
        if (f.has("cameras")) {
            JsonFields c = f.object("cameras", Set.of("targets", "interval", "timeout"));
            JsonNode targets = c.raw("targets");
            if (targets == null || !targets.isArray() || targets.isEmpty()) {
                throw new ContractViolation(
                        "cameras.targets", targets, "expected a non-empty array");
            }
            List<CameraTarget> list = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                JsonFields t =
                        new JsonFields(
                                targets.get(i),
                                "cameras.targets[" + i + "]",
                                Set.of("camera", "url"));
                CameraId id;
                try {
                    id = CameraId.of(t.text("camera"));
                } catch (ContractViolation e) {
                    throw new ContractViolation(t.name("camera"), t.raw("camera"), e.reason());
                }
                list.add(
                        new CameraTarget(
                                id, t.uri("url", Set.of("rtsp", "rtsps", "http", "https"))));
            }
            cameras =
                    Optional.of(
                            CameraProbeConfig.of(list)
                                    .withInterval(
                                            c.duration(
                                                    "interval",
                                                    Duration.ofSeconds(60),
                                                    Duration.ofSeconds(5),
                                                    Duration.ofHours(1)))
                                    .withTimeout(
                                            c.duration(
                                                    "timeout",
                                                    Duration.ofSeconds(10),
                                                    Duration.ofSeconds(1),
                                                    Duration.ofMinutes(1))));
        }

        LocalWarningsConfig warnings = LocalWarningsConfig.defaults();
        if (f.has("localWarnings")) {
            JsonFields w =
                    f.object("localWarnings", Set.of("mode", "minLevel", "hook", "rateOfRise"));
            if (w.has("mode")) {
                warnings = warnings.withMode(WarningMode.parse(w.text("mode"), w.name("mode")));
            }
            warnings = warnings.withMinLevel(RiskLevel.of((int) w.integer("minLevel", 2, 1, 5)));
            warnings = warnings.withRateOfRise(w.bool("rateOfRise", true));
            if (w.has("hook")) {
                JsonFields h = w.object("hook", Set.of("command", "timeout"));
                JsonNode cmd = h.raw("command");
                if (cmd == null || !cmd.isArray() || cmd.isEmpty()) {
                    throw new ContractViolation(
                            h.name("command"), cmd, "expected [executable, args…]");
                }
                List<String> argv = new ArrayList<>();
                for (int i = 0; i < cmd.size(); i++) {
                    if (!cmd.get(i).isTextual()) {
                        throw new ContractViolation(
                                h.name("command") + "[" + i + "]", cmd.get(i), "expected a string");
                    }
                    argv.add(cmd.get(i).asText());
                }
                if (!Path.of(argv.get(0)).isAbsolute()) {
                    throw new ContractViolation(
                            h.name("command") + "[0]",
                            argv.get(0),
                            "expected an absolute path to the executable");
                }
                warnings =
                        warnings.withHook(
                                argv,
                                h.duration(
                                        "timeout",
                                        Duration.ofSeconds(10),
                                        LocalWarningsConfig.MIN_TIMEOUT,
                                        LocalWarningsConfig.MAX_TIMEOUT));
            }
        }

        Duration health = Duration.ofSeconds(60);
        if (f.has("health")) {
            health =
                    f.object("health", Set.of("interval"))
                            .duration(
                                    "interval", health, Duration.ofSeconds(1), Duration.ofHours(1));
        }
        return new EdgeAgentConfig(
                gateway,
                dataDir,
                uplink,
                batchInterval,
                maxBatch,
                sensors,
                mqttLocal,
                coap,
                opcua,
                scenario,
                cameras,
                warnings,
                health);
    }

    private static Path file(JsonFields t, String field, Path baseDir) {
        Path p = baseDir.resolve(t.text(field)).normalize();
        if (!Files.isReadable(p)) {
            throw new ContractViolation(t.name(field), p.toString(), "not a readable file");
        }
        return p;
    }

    private static Coap coap(JsonFields c) {
        Optional<InetSocketAddress> plain = c.optText("bind").map(v -> address(v, c.name("bind")));
        Optional<InetSocketAddress> dtls =
                c.optText("dtlsBind").map(v -> address(v, c.name("dtlsBind")));
        if (plain.isEmpty() && dtls.isEmpty()) {
            throw new ContractViolation(c.name("bind"), null, "give bind, dtlsBind or both");
        }
        Map<SensorId, PskSecret> psk = new LinkedHashMap<>();
        if (c.has("psk")) {
            JsonNode p = c.raw("psk");
            if (!p.isObject()) {
                throw new ContractViolation(
                        c.name("psk"), p, "expected an object of sensor id → key");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                var e = it.next();
                String path = c.name("psk") + "." + e.getKey();
                if (!e.getValue().isTextual() || e.getValue().asText().length() < 8) {
                    throw new ContractViolation(
                            path, "(hidden)", "expected a key of at least 8 characters");
                }
                try {
                    psk.put(SensorId.of(e.getKey()), PskSecret.ofUtf8(e.getValue().asText()));
                } catch (ContractViolation cv) {
                    throw new ContractViolation(path, e.getKey(), cv.reason());
                }
            }
        }
        if (dtls.isPresent() && psk.isEmpty()) {
            throw new ContractViolation(c.name("psk"), null, "dtlsBind needs a key per sensor");
        }
        return new Coap(plain, dtls, psk);
    }

    private static OpcUaAdapterConfig opcua(JsonFields o) {
        URI endpoint = o.uri("endpoint", Set.of("opc.tcp"));
        JsonNode nodes = o.raw("nodes");
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw new ContractViolation(o.name("nodes"), nodes, "expected a non-empty array");
        }
        List<OpcUaNode> list = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonFields n =
                    new JsonFields(
                            nodes.get(i),
                            o.name("nodes") + "[" + i + "]",
                            Set.of("sensor", "quantity", "nodeId", "scale", "offset", "deadband"));
            SensorId id;
            try {
                id = SensorId.of(n.text("sensor"));
            } catch (ContractViolation e) {
                throw new ContractViolation(n.name("sensor"), n.raw("sensor"), e.reason());
            }
            try {
                list.add(
                        OpcUaNode.of(
                                        id,
                                        Quantity.parse(n.text("quantity"), n.name("quantity")),
                                        n.text("nodeId"))
                                .withScale(n.number("scale", 1), n.number("offset", 0))
                                .withDeadband(n.number("deadband", 0)));
            } catch (IllegalArgumentException e) {
                throw new ContractViolation(
                        n.name("nodeId"), n.raw("nodeId"), String.valueOf(e.getMessage()));
            }
        }
        return OpcUaAdapterConfig.of(endpoint, list)
                .withIntervals(
                        o.duration(
                                "samplingInterval",
                                Duration.ofSeconds(1),
                                Duration.ofMillis(100),
                                Duration.ofHours(1)),
                        o.duration(
                                "publishingInterval",
                                Duration.ofSeconds(1),
                                Duration.ofMillis(100),
                                Duration.ofHours(1)));
    }

    private static InetSocketAddress address(String hostPort, String field) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new ContractViolation(field, hostPort, "expected host:port");
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new ContractViolation(field, hostPort, "expected a port from 0 to 65535");
        }
    }
}
