package vn.canhbao.edge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.edge.config.GatewayConfigs;
import vn.canhbao.edge.warn.TestSites;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The real agent against a real Mosquitto: remote config over retained MQTT, heartbeats, telemetry,
 * and local warnings when the uplink is cut.
 */
class EdgeAgentIT {
    private static final String CONFIG = MqttTopics.config(TestSites.GW);
    private static final String ACK = MqttTopics.configAck(TestSites.GW);

    @TempDir Path dir;
    private MosquittoBroker broker;
    private GatewayTopicsCollector registry;
    private final List<EdgeAgent> agents = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        registry = new GatewayTopicsCollector(broker.uri(), "test-registry", TestSites.GW);
    }

    @AfterEach
    void stopAll() throws Exception {
        agents.forEach(EdgeAgent::close);
        if (broker.isRunning()) {
            registry.close();
        }
        broker.close();
    }

    /**
     * A scenario for the Nậm Cang gauge: calm for 15 s, then 3.5 m (above BĐ II) from 15.5 s on.
     */
    private Path scenario() throws IOException {
        Path f = dir.resolve("rise.json");
        Files.writeString(
                f,
                """
                {"gateway":"gw-nam-cang","publishInterval":"PT0.5S","sensors":[
                 {"id":"wl-nam-cang","quantity":"water_level","points":[
                   {"at":"PT0S","value":1.0},{"at":"PT15S","value":1.0},{"at":"PT15.5S","value":3.5}]},
                 {"id":"rg-nam-cang","quantity":"rain","points":[{"at":"PT0S","value":2.0}]}]}
                """);
        return f;
    }

    private EdgeAgent agent(String warnings) throws IOException {
        String json =
                """
                {"gateway":"gw-nam-cang","dataDir":"agent-data",
                 "uplink":{"broker":"%s","reconnectMaxDelay":"PT1S","fsyncInterval":"PT0.01S","compressMinBytes":0},
                 "batch":{"interval":"PT0.5S"},
                 "adapters":{"scenario":{"source":"%s"}},
                 "localWarnings":%s,
                 "health":{"interval":"PT1S"}}
                """
                        .formatted(broker.uri(), scenario(), warnings);
        EdgeAgent a =
                new EdgeAgent(EdgeAgentConfig.parse(json.getBytes(StandardCharsets.UTF_8), dir));
        agents.add(a);
        a.start();
        return a;
    }

    private Optional<JsonNode> ack(long version) {
        return registry.on(ACK).stream()
                .map(m -> read(m.text()))
                .filter(n -> n.get("version").asLong() == version)
                .reduce((a, b) -> b);
    }

    private static JsonNode read(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void appliesTheRetainedConfigAcksItRefusesABadOneAndKeepsItAcrossARestart() throws Exception {
        // given the registry's retained config version 4
        registry.publish(CONFIG, GatewayConfigs.bytes(4), true);

        // when the agent starts
        EdgeAgent agent = agent("{\"mode\":\"off\"}");

        // then it applies and acknowledges it
        await().atMost(Duration.ofSeconds(20)).until(() -> ack(4).isPresent());
        assertThat(ack(4).get().get("accepted").asBoolean()).isTrue();
        assertThat(agent.remoteConfig().current().orElseThrow().version()).isEqualTo(4);

        // when a bad version 5 replaces the retained config
        registry.publish(
                CONFIG,
                GatewayConfigs.bytes(
                        5, n -> ((ObjectNode) n.get("site").get("flood")).put("alarm2", 1.5)),
                true);

        // then it is refused with the field named, and version 4 stays
        await().atMost(Duration.ofSeconds(10)).until(() -> ack(5).isPresent());
        JsonNode refused = ack(5).get();
        assertThat(refused.get("accepted").asBoolean()).isFalse();
        assertThat(refused.get("reason").asText()).contains("site.flood.alarm2");
        assertThat(agent.remoteConfig().current().orElseThrow().version()).isEqualTo(4);

        // and heartbeats and telemetry flow
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !registry.on(MqttTopics.health(TestSites.GW)).isEmpty());
        JsonNode hb = read(registry.on(MqttTopics.health(TestSites.GW)).get(0).text());
        assertThat(hb.get("schema").asText()).isEqualTo("cb.gateway-health.v1");
        assertThat(hb.at("/journal/records").isIntegralNumber()).isTrue();
        assertThat(hb.get("diskFreeBytes").asLong()).isPositive();
        assertThat(hb.at("/adapters/0/adapter").asText()).isEqualTo("scenario");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !registry.on(MqttTopics.telemetry(TestSites.GW)).isEmpty());

        // when the agent restarts: it runs version 4 before any broker message
        agent.close();
        EdgeAgent restarted = agent("{\"mode\":\"off\"}");
        assertThat(restarted.remoteConfig().current().orElseThrow().version()).isEqualTo(4);
        // the retained bad version 5 comes again and is refused again
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                registry.on(ACK).stream()
                                                .filter(m -> m.text().contains("\"version\":5"))
                                                .count()
                                        >= 2);
        assertThat(restarted.remoteConfig().current().orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void soundsTheSirenWhenTheUplinkIsCutAndDeliversTheAlertBeforeTheBacklog() throws Exception {
        // given the config with BĐ II at 3.0 m and a siren hook at level 2 when the uplink is down
        registry.publish(CONFIG, GatewayConfigs.bytes(4), true);
        Path siren = dir.resolve("siren.log");
        EdgeAgent agent =
                agent(
                        """
                        {"mode":"when-uplink-down","minLevel":2,"rateOfRise":false,
                         "hook":{"command":["/bin/sh","-c","echo \\"$1 $2 $3 $(date +%%s%%3N)\\" >> %s","hook"],
                                 "timeout":"PT5S"}}
                        """
                                .formatted(siren));
        await().atMost(Duration.ofSeconds(20)).until(() -> ack(4).isPresent());

        // when the uplink is cut before the river rises (15 s after start)
        broker.stop();
        Instant cutAt = Instant.now();
        assertThat(agent.warningStats().transitions()).as("cut before the rise").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !agent.uplinkConnected());

        // then the siren sounds at level 2
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(siren));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.readAllLines(siren).isEmpty());
        String[] line = Files.readAllLines(siren).get(0).split(" ");
        assertThat(line[0]).isEqualTo("on");
        assertThat(line[1]).isEqualTo("2");
        assertThat(line[2]).isEqualTo("flood");
        Instant sounded = Instant.ofEpochMilli(Long.parseLong(line[3]));
        Thread.sleep(2_000); // a backlog of telemetry builds up behind the alert

        // when the broker returns
        broker.restart();

        // then the alert arrives before any telemetry sampled during the outage
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                registry.messages().stream()
                                        .anyMatch(m -> m.text().contains("\"alertId\"")));
        await().atMost(Duration.ofSeconds(30)).until(() -> outageReadings(cutAt).size() > 5);
        List<GatewayTopicsCollector.Message> all = registry.messages();
        int alertAt = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).text().contains("\"alertId\"")) {
                alertAt = i;
                break;
            }
        }
        SenmlCodec codec = new SenmlCodec();
        for (int i = 0; i < alertAt; i++) {
            GatewayTopicsCollector.Message m = all.get(i);
            if (m.topic().equals(MqttTopics.telemetry(TestSites.GW))) {
                for (Reading r :
                        codec.decode(m.text().getBytes(StandardCharsets.UTF_8), TestSites.GW)
                                .readings()) {
                    assertThat(r.time()).as("reading delivered before the alert").isBefore(cutAt);
                }
            }
        }
        JsonNode alert = read(all.get(alertAt).text());
        assertThat(alert.get("level").asInt()).isEqualTo(2);
        assertThat(alert.get("hazard").asText()).isEqualTo("flood");
        assertThat(alert.get("localSensorAlert").asBoolean()).isTrue();

        // and the siren sounded within 2 s of the first reading above BĐ II
        Instant crossed =
                outageReadings(cutAt).stream()
                        .filter(r -> r.sensor().equals(TestSites.WL) && r.value() >= 3.0)
                        .map(Reading::time)
                        .min(Instant::compareTo)
                        .orElseThrow();
        assertThat(Duration.between(crossed, sounded)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(agent.warningStats().sirenOn()).isEqualTo(1);
    }

    private List<Reading> outageReadings(Instant cutAt) {
        SenmlCodec codec = new SenmlCodec();
        return registry.on(MqttTopics.telemetry(TestSites.GW)).stream()
                .filter(m -> m.text().startsWith("["))
                .flatMap(
                        m ->
                                codec
                                        .decode(
                                                m.text().getBytes(StandardCharsets.UTF_8),
                                                TestSites.GW)
                                        .readings()
                                        .stream())
                .filter(r -> !r.time().isBefore(cutAt))
                .toList();
    }
}
