package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.scenario.ScenarioSource;

class SimulatedGatewayConfigTest {
    private static final GatewayId GW = GatewayId.of("gw-nam-cang");
    private static final URI BROKER = URI.create("tcp://127.0.0.1:1883");
    private static final ScenarioSource FLOOD =
            ScenarioSource.classpath("scenarios/flood-rise.json");

    @Test
    void defaultsAreRealTimeTheScenarioIntervalAndAClientIdNamedAfterTheGateway() {
        SimulatedGatewayConfig c = SimulatedGatewayConfig.of(GW, BROKER, Path.of("data"), FLOOD);

        assertThat(c.timeScale()).isEqualTo(1.0);
        assertThat(c.publishInterval()).isEmpty();
        assertThat(c.clientId()).isEqualTo("edge-gw-nam-cang");
        assertThat(c.maxOutboxBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void refusesBadValuesNamingTheFieldAndTheValue() {
        SimulatedGatewayConfig c = SimulatedGatewayConfig.of(GW, BROKER, Path.of("data"), FLOOD);

        assertViolation(() -> c.withTimeScale(0), "timeScale", "0.0");
        assertViolation(
                () -> c.withPublishInterval(Duration.ofMillis(1)),
                "publishInterval",
                "\"PT0.001S\"");
        assertViolation(() -> c.withClientId(" "), "clientId", "\" \"");
        assertViolation(() -> c.withMaxOutboxBytes(10), "maxOutboxBytes", "10");
        assertViolation(
                () -> c.withReconnectMaxDelay(Duration.ZERO), "reconnectMaxDelay", "\"PT0S\"");
        assertViolation(
                () -> SimulatedGatewayConfig.of(GW, URI.create("http://x:1"), Path.of("d"), FLOOD),
                "brokerUri",
                "\"http://x:1\"");
        assertViolation(
                () -> SimulatedGatewayConfig.of(GW, URI.create("tcp://host"), Path.of("d"), FLOOD),
                "brokerUri",
                "\"tcp://host\"");
        assertViolation(
                () -> SimulatedGatewayConfig.of(GW, BROKER, null, FLOOD), "dataDir", "nothing");
    }

    @Test
    void aGatewayRefusesAScenarioWrittenForAnotherGateway() {
        SimulatedGatewayConfig c =
                SimulatedGatewayConfig.of(
                        GatewayId.of("gw-ta-van"), BROKER, Path.of("data"), FLOOD);

        assertViolation(() -> new SimulatedGateway(c), "scenario.gateway", "\"gw-nam-cang\"");
    }

    @Test
    void theCommandLineMapsOntoTheConfig() {
        EdgeAgentMain main = new EdgeAgentMain();
        new CommandLine(main)
                .parseArgs(
                        "--gateway",
                        "gw-nam-cang",
                        "--broker",
                        "tcp://127.0.0.1:1883",
                        "--scenario",
                        "classpath:scenarios/flood-rise.json",
                        "--data-dir",
                        "data",
                        "--time-scale",
                        "4",
                        "--publish-interval",
                        "PT0.5S");

        SimulatedGatewayConfig c = main.config();

        assertThat(c.gatewayId()).isEqualTo(GW);
        assertThat(c.brokerUri()).isEqualTo(BROKER);
        assertThat(c.scenario()).isEqualTo(FLOOD);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.timeScale()).isEqualTo(4.0);
        assertThat(c.publishInterval()).contains(Duration.ofMillis(500));
    }

    private static void assertViolation(Runnable r, String field, String value) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.value()).isEqualTo(value);
                        });
    }
}
