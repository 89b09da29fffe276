package vn.canhbao.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.warn.TestSites;

class RemoteConfigTest {
    private static final String TOPIC = MqttTopics.config(TestSites.GW);
    private static final String ACK = MqttTopics.configAck(TestSites.GW);

    @TempDir Path dataDir;
    private final RecordingLink link = new RecordingLink();
    private final Clock clock = Clock.fixed(Instant.parse("2026-07-01T02:00:00Z"), ZoneOffset.UTC);
    private RemoteConfig config;

    @BeforeEach
    void start() {
        config = new RemoteConfig(TestSites.GW, new ConfigStore(dataDir), link, clock);
        config.start();
    }

    private JsonNode lastAck() throws Exception {
        RecordingLink.Published p = link.published.get(link.published.size() - 1);
        assertThat(p.topic()).isEqualTo(ACK);
        assertThat(p.retained()).isFalse();
        return Json.mapper().readTree(p.payload());
    }

    @Test
    void appliesAValidConfigStoresItAndAcknowledgesItsVersion() throws Exception {
        link.deliver(TOPIC, GatewayConfigs.bytes(4));

        assertThat(config.current()).hasValueSatisfying(c -> assertThat(c.version()).isEqualTo(4));
        assertThat(config.site().orElseThrow().flood()).isPresent();
        JsonNode ack = lastAck();
        assertThat(ack.get("version").asLong()).isEqualTo(4);
        assertThat(ack.get("accepted").asBoolean()).isTrue();
        assertThat(ack.has("reason")).isFalse();
        assertThat(Files.exists(dataDir.resolve("config/gateway-config.json"))).isTrue();

        // a restarted agent runs the stored config before any message arrives
        RemoteConfig restarted =
                new RemoteConfig(
                        TestSites.GW, new ConfigStore(dataDir), new RecordingLink(), clock);
        restarted.start();
        assertThat(restarted.current().orElseThrow().version()).isEqualTo(4);
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad(
                        "site.flood.alarm2",
                        n -> ((ObjectNode) n.get("site").get("flood")).put("alarm2", 1.5)),
                bad("gateway", n -> n.put("gateway", "gw-other")),
                bad("schema", n -> n.put("schema", "cb.gateway-config.v9")),
                bad("colour", n -> n.put("colour", "red")),
                bad("sensors[0]", n -> n.putArray("sensors").add("wl-nowhere").add("rg-nam-cang")),
                bad("sensors", n -> n.putArray("sensors").add("wl-nam-cang")),
                bad("site.version", n -> ((ObjectNode) n.get("site")).put("version", 7)),
                bad("version", n -> n.put("version", "five")),
                bad("site.sensors", n -> ((ObjectNode) n.get("site")).remove("sensors")));
    }

    private static Arguments bad(String field, Consumer<ObjectNode> edit) {
        return Arguments.of(field, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void refusesABadConfigNamingTheFieldAndKeepsTheOldOne(String field, Consumer<ObjectNode> edit)
            throws Exception {
        // given version 4 running
        link.deliver(TOPIC, GatewayConfigs.bytes(4));
        byte[] stored = Files.readAllBytes(dataDir.resolve("config/gateway-config.json"));

        // when a bad version 5 arrives
        link.deliver(TOPIC, GatewayConfigs.bytes(5, edit));

        // then
        assertThat(config.current().orElseThrow().version()).isEqualTo(4);
        assertThat(Files.readAllBytes(dataDir.resolve("config/gateway-config.json")))
                .isEqualTo(stored);
        assertThat(config.stats().refused()).isEqualTo(1);
        if (!field.equals("version")) {
            JsonNode ack = lastAck();
            assertThat(ack.get("version").asLong()).isEqualTo(5);
            assertThat(ack.get("accepted").asBoolean()).isFalse();
            assertThat(ack.get("reason").asText()).contains(field + ":");
        } else {
            // no readable version: nothing the registry could match an ack to
            assertThat(link.published).hasSize(1);
        }
    }

    @Test
    void refusesGarbageWithoutCrashing() {
        link.deliver(TOPIC, "{\"version\":6,".getBytes(StandardCharsets.UTF_8));
        link.deliver(TOPIC, new byte[] {(byte) 0xff, 0, 1});
        assertThat(config.current()).isEmpty();
        assertThat(config.stats().refused()).isEqualTo(2);
    }

    @Test
    void ignoresAnOlderVersionAndSaysSo() throws Exception {
        link.deliver(TOPIC, GatewayConfigs.bytes(4));
        link.deliver(TOPIC, GatewayConfigs.bytes(3));

        assertThat(config.current().orElseThrow().version()).isEqualTo(4);
        JsonNode ack = lastAck();
        assertThat(ack.get("version").asLong()).isEqualTo(3);
        assertThat(ack.get("accepted").asBoolean()).isFalse();
        assertThat(ack.get("reason").asText()).contains("stale").contains("4");
        assertThat(config.stats().stale()).isEqualTo(1);
    }

    @Test
    void acknowledgesTheSameVersionAgainWithoutReapplying() throws Exception {
        List<Long> seen = new java.util.ArrayList<>();
        config.addListener(m -> seen.add(m.version()));
        link.deliver(TOPIC, GatewayConfigs.bytes(4));
        link.deliver(TOPIC, GatewayConfigs.bytes(4));

        assertThat(seen).containsExactly(4L);
        assertThat(lastAck().get("accepted").asBoolean()).isTrue();
        assertThat(link.published).hasSize(2);
        assertThat(config.stats().applied()).isEqualTo(1);
    }

    @Test
    void aComponentCheckCanRefuseTheWholeConfig() throws Exception {
        link.deliver(TOPIC, GatewayConfigs.bytes(4));
        config.addCheck(
                m -> {
                    if (m.version() == 5) {
                        throw new ContractViolation("site.flood", "absent", "warnings need it");
                    }
                });
        link.deliver(TOPIC, GatewayConfigs.bytes(5));
        assertThat(config.current().orElseThrow().version()).isEqualTo(4);
        assertThat(lastAck().get("reason").asText()).contains("site.flood: warnings need it");
    }

    @Test
    void aStoredConfigThatNoLongerValidatesIsMovedAside() throws Exception {
        Files.createDirectories(dataDir.resolve("config"));
        Files.write(
                dataDir.resolve("config/gateway-config.json"),
                "{\"half".getBytes(StandardCharsets.UTF_8));
        RemoteConfig restarted =
                new RemoteConfig(
                        TestSites.GW, new ConfigStore(dataDir), new RecordingLink(), clock);
        restarted.start();
        assertThat(restarted.current()).isEmpty();
        assertThat(dataDir.resolve("config/gateway-config.json.bad")).exists();
    }

    @Test
    void anAckThatCannotBeSentIsCountedAndTheConfigStillApplies() {
        link.up = false;
        link.deliver(TOPIC, GatewayConfigs.bytes(4));
        assertThat(config.current().orElseThrow().version()).isEqualTo(4);
        assertThat(config.stats().ackFailures()).isEqualTo(1);
    }
}
