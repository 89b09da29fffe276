package vn.canhbao.edge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.edge.warn.WarningMode;

class EdgeAgentConfigTest {
    private static final Path BASE = Path.of("/srv/edge");
    private static final String MINIMAL =
            "{\"gateway\":\"gw-nam-cang\",\"dataDir\":\"data\",\"uplink\":{\"broker\":\"tcp://127.0.0.1:1883\"}}";

    private static EdgeAgentConfig parse(String json) {
        return EdgeAgentConfig.parse(json.getBytes(StandardCharsets.UTF_8), BASE);
    }

    @Test
    void theShippedExampleIsValid(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the example names TLS files next to it: give it empty ones
        java.nio.file.Files.copy(Path.of("dist/agent.example.json"), dir.resolve("agent.json"));
        for (String f : List.of("ca.pem", "gateway.pem", "gateway-key.pem")) {
            java.nio.file.Files.writeString(dir.resolve(f), "");
        }
        EdgeAgentConfig c = EdgeAgentConfig.load(dir.resolve("agent.json"));
        assertThat(c.uplink().tls()).isPresent();
        assertThat(c.gateway().value()).isEqualTo("gw-nam-cang");
        assertThat(c.mqttLocal()).isPresent();
        assertThat(c.coap()).isPresent();
        assertThat(c.opcua()).isPresent();
        assertThat(c.cameras()).isPresent();
        assertThat(c.localWarnings().hookCommand()).containsExactly("/usr/local/bin/canhbao-siren");
    }

    @Test
    void fillsDefaults() {
        EdgeAgentConfig c = parse(MINIMAL);
        assertThat(c.dataDir()).isEqualTo(BASE.resolve("data"));
        assertThat(c.uplink().clientId()).isEqualTo("edge-gw-nam-cang");
        assertThat(c.uplink().sessionExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(c.uplink().maxJournalBytes()).isEqualTo(256L << 20);
        assertThat(c.uplink().fsyncInterval()).isEqualTo(Duration.ofMillis(20));
        assertThat(c.uplink().tls()).isEmpty();
        assertThat(c.batchInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.maxBatchReadings()).isEqualTo(500);
        assertThat(c.localWarnings().mode()).isEqualTo(WarningMode.WHEN_UPLINK_DOWN);
        assertThat(c.localWarnings().minLevel()).isEqualTo(RiskLevel.LEVEL_2);
        assertThat(c.localWarnings().hookCommand()).isEmpty();
        assertThat(c.localWarnings().hookTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.healthInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.mqttLocal()).isEmpty();
        assertThat(c.scenario()).isEmpty();
    }

    static Stream<Arguments> bad() {
        String u = "\"uplink\":{\"broker\":\"tcp://127.0.0.1:1883\"}";
        String head = "{\"gateway\":\"gw-nam-cang\",\"dataDir\":\"data\"," + u;
        return Stream.of(
                Arguments.of("{\"dataDir\":\"d\"," + u + "}", "gateway"),
                Arguments.of("{\"gateway\":\"GW bad\",\"dataDir\":\"d\"," + u + "}", "gateway"),
                Arguments.of(
                        "{\"gateway\":\"gw-1\",\"dataDir\":\"d\",\"uplink\":{\"broker\":\"http://x:1\"}}",
                        "uplink.broker"),
                Arguments.of(head + ",\"colour\":1}", "colour"),
                Arguments.of(head + ",\"batch\":{\"interval\":\"1s\"}}", "batch.interval"),
                Arguments.of(head + ",\"batch\":{\"maxReadings\":0}}", "batch.maxReadings"),
                Arguments.of(head + ",\"sensors\":{\"wl-1\":\"depth\"}}", "sensors.wl-1"),
                Arguments.of(
                        head + ",\"localWarnings\":{\"mode\":\"sometimes\"}}",
                        "localWarnings.mode"),
                Arguments.of(
                        head + ",\"localWarnings\":{\"minLevel\":6}}", "localWarnings.minLevel"),
                Arguments.of(
                        head + ",\"localWarnings\":{\"hook\":{\"command\":[\"siren\"]}}}",
                        "localWarnings.hook.command[0]"),
                Arguments.of(
                        head
                                + ",\"localWarnings\":{\"hook\":{\"command\":[\"/bin/siren\"],\"timeout\":\"PT1H\"}}}",
                        "localWarnings.hook.timeout"),
                Arguments.of(head + ",\"adapters\":{\"coap\":{}}}", "adapters.coap.bind"),
                Arguments.of(
                        head + ",\"adapters\":{\"coap\":{\"bind\":\"0.0.0.0:99999\"}}}",
                        "adapters.coap.bind"),
                Arguments.of(
                        head + ",\"adapters\":{\"coap\":{\"dtlsBind\":\"0.0.0.0:5684\"}}}",
                        "adapters.coap.psk"),
                Arguments.of(
                        head
                                + ",\"adapters\":{\"opcua\":{\"endpoint\":\"opc.tcp://h:4840\",\"nodes\":[]}}}",
                        "adapters.opcua.nodes"),
                Arguments.of(
                        head
                                + ",\"adapters\":{\"scenario\":{\"source\":\"classpath:x.json\",\"timeScale\":-1}}}",
                        "adapters.scenario.timeScale"),
                Arguments.of(
                        head
                                + ",\"cameras\":{\"targets\":[{\"camera\":\"cam-1\",\"url\":\"ftp://x/y\"}]}}",
                        "cameras.targets[0].url"),
                Arguments.of(head + ",\"health\":{\"interval\":\"PT0S\"}}", "health.interval"),
                Arguments.of(
                        "{\"gateway\":\"gw-1\",\"dataDir\":\"d\",\"uplink\":{\"broker\":\"ssl://h:8883\"}}",
                        "uplink.tls"),
                Arguments.of(
                        "{\"gateway\":\"gw-1\",\"dataDir\":\"d\",\"uplink\":{\"broker\":\"ssl://h:8883\",\"tls\":{\"caFile\":\"nope.pem\",\"certFile\":\"c\",\"keyFile\":\"k\"}}}",
                        "uplink.tls.caFile"),
                Arguments.of(
                        head.replace("}", ",\"maxJournalBytes\":10}") + "}",
                        "uplink.maxJournalBytes"),
                Arguments.of("{\"gateway\":", "config"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void refusesABadValueNamingTheField(String json, String field) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(((ContractViolation) e).field()).isEqualTo(field));
    }

    @Test
    void keepsTheHookArguments() {
        EdgeAgentConfig c =
                parse(
                        MINIMAL.replace(
                                "}}",
                                "},\"localWarnings\":{\"mode\":\"always\",\"minLevel\":3,"
                                        + "\"hook\":{\"command\":[\"/usr/bin/relay\",\"--pin\",\"17\"],\"timeout\":\"PT2S\"}}}"));
        assertThat(c.localWarnings().mode()).isEqualTo(WarningMode.ALWAYS);
        assertThat(c.localWarnings().hookCommand())
                .isEqualTo(List.of("/usr/bin/relay", "--pin", "17"));
        assertThat(c.localWarnings().hookTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
