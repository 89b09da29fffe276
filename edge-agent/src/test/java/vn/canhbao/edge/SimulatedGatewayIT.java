package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.edge.scenario.ScenarioSource;
import vn.canhbao.testsupport.MosquittoBroker;

/** The simulated gateway against a real Mosquitto, observed by the test's own MQTT subscriber. */
class SimulatedGatewayIT {
    private static final GatewayId GW = GatewayId.of("gw-nam-cang");
    private static final String CLIENT_ID = "edge-it-gw-nam-cang";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir Path dir;

    private MosquittoBroker broker;

    @BeforeEach
    void startBroker() {
        broker = MosquittoBroker.start(dir.resolve("mqtt"));
        assertThat(agentThreads()).as("agent threads before the test").isEmpty();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void deliversEverySequenceNumberInOrderAndLosesNothingWhileTheBrokerIsAway()
            throws MqttException {
        try (TelemetryCollector sub =
                        TelemetryCollector.subscribe(broker.uri(), "it-subscriber", GW);
                SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
            gw.start();
            await().atMost(PATIENCE).until(() -> sub.seqsInArrivalOrder().size() >= 40);

            // given the broker goes away for a while
            broker.stop();
            await().atMost(PATIENCE).until(() -> !gw.stats().connected());
            long sampledWhenStopped = gw.stats().sampledBatches();
            await().atMost(PATIENCE)
                    .until(() -> gw.stats().sampledBatches() >= sampledWhenStopped + 25);
            assertThat(gw.stats().outboxDepth())
                    .as("batches held while the broker is away")
                    .isGreaterThanOrEqualTo(25);

            // when it comes back on the same port
            broker.restart();
            long target = gw.stats().nextSeq() + 20;

            // then everything queued meanwhile arrives, and the flow goes on
            await().atMost(PATIENCE).until(() -> sub.seqsInArrivalOrder().contains(target));
            await().atMost(PATIENCE).until(() -> gw.stats().outboxDepth() <= 1);
            gw.close();

            List<Long> firstArrivals = sub.seqsInArrivalOrder().stream().distinct().toList();
            long last = firstArrivals.get(firstArrivals.size() - 1);
            assertThat(firstArrivals)
                    .as("each sequence number at its first arrival, none missing, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
            assertThat(last).isGreaterThanOrEqualTo(target);
            GatewayStats stats = gw.stats();
            assertThat(stats.droppedBatches()).isZero();
            assertThat(stats.publishedBatches() + stats.outboxDepth())
                    .as("every sampled batch was acknowledged or is still waiting")
                    .isEqualTo(stats.sampledBatches());
            assertThat(sub.errors()).isEmpty();
            awaitNoAgentThreads();
        }
    }

    @Test
    void publishesARetainedBirthMessageAndARetainedOfflineStateOnClose() throws Exception {
        try (SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
            publishesBirthThenOfflineOnClose(gw);
        }
        awaitNoAgentThreads();
    }

    private void publishesBirthThenOfflineOnClose(SimulatedGateway gw) throws Exception {
        gw.start();
        await().atMost(PATIENCE)
                .until(() -> gw.stats().connected() && gw.stats().publishedBatches() > 0);

        try (TelemetryCollector late =
                TelemetryCollector.subscribe(broker.uri(), "it-late-1", GW)) {
            await().atMost(PATIENCE).until(() -> late.lastState().isPresent());
            TelemetryCollector.StateMessage birth = late.lastState().orElseThrow();
            assertThat(birth.retained()).as("retained").isTrue();
            JsonNode json = Json.mapper().readTree(birth.json());
            assertThat(json.get("state").asText()).isEqualTo("online");
            assertThat(json.get("gateway").asText()).isEqualTo(GW.value());
            assertThat(json.get("agentVersion").asText()).isNotBlank();
            assertThat(json.get("at").asText()).isNotBlank();
        }

        gw.close();

        try (TelemetryCollector late =
                TelemetryCollector.subscribe(broker.uri(), "it-late-2", GW)) {
            await().atMost(PATIENCE).until(() -> late.lastState().isPresent());
            TelemetryCollector.StateMessage state = late.lastState().orElseThrow();
            assertThat(state.retained()).isTrue();
            assertThat(Json.mapper().readTree(state.json()).get("state").asText())
                    .isEqualTo("offline");
        }
    }

    @Test
    void floodRiseReadingsCarryTheScenarioValuesWithWallClockTimes() throws MqttException {
        try (TelemetryCollector sub =
                TelemetryCollector.subscribe(broker.uri(), "it-subscriber", GW)) {
            java.time.Instant before = java.time.Instant.now();
            try (SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
                gw.start();
                // time scale 10: the 40 s rise plays in 4 s
                await().atMost(PATIENCE)
                        .until(
                                () ->
                                        sub.readings().stream()
                                                .anyMatch(
                                                        r ->
                                                                r.quantity() == Quantity.WATER_LEVEL
                                                                        && r.value() >= 4.5));
            }
            List<Reading> levels =
                    sub.readings().stream()
                            .filter(r -> r.quantity() == Quantity.WATER_LEVEL)
                            .toList();
            assertThat(levels.get(0).value()).isEqualTo(1.0);
            assertThat(levels).extracting(Reading::value).isSorted();
            assertThat(levels)
                    .allSatisfy(r -> assertThat(r.time()).isAfterOrEqualTo(before.minusMillis(1)));
            assertThat(sub.readings())
                    .extracting(r -> r.sensor().value())
                    .contains("wl-nam-cang", "rg-nam-cang");
        }
        awaitNoAgentThreads();
    }

    @Test
    void closeWaitsUntilTheBrokerHasEverythingSampled() throws MqttException {
        try (TelemetryCollector sub =
                TelemetryCollector.subscribe(broker.uri(), "it-subscriber", GW)) {
            GatewayStats stats;
            try (SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
                gw.start();
                await().atMost(PATIENCE).until(() -> gw.stats().publishedBatches() >= 10);
                gw.close();
                stats = gw.stats();
            }

            assertThat(stats.outboxDepth()).isZero();
            assertThat(stats.publishedReadings()).isEqualTo(stats.nextSeq());
            await().atMost(PATIENCE)
                    .untilAsserted(
                            () ->
                                    assertThat(sub.seqsInArrivalOrder())
                                            .containsExactlyElementsOf(
                                                    LongStream.range(0, stats.nextSeq())
                                                            .boxed()
                                                            .toList()));
        }
        awaitNoAgentThreads();
    }

    @Test
    void aRestartedAgentContinuesAboveEveryNumberItSentBefore() throws MqttException {
        Path agentDir = dir.resolve("agent");
        try (TelemetryCollector sub =
                TelemetryCollector.subscribe(broker.uri(), "it-subscriber", GW)) {
            try (SimulatedGateway first = new SimulatedGateway(config(agentDir))) {
                first.start();
                await().atMost(PATIENCE).until(() -> sub.seqsInArrivalOrder().size() >= 10);
            }
            long maxBefore =
                    sub.seqsInArrivalOrder().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow();
            int countBefore = sub.seqsInArrivalOrder().size();
            try (SimulatedGateway second = new SimulatedGateway(config(agentDir))) {
                second.start();
                await().atMost(PATIENCE)
                        .until(() -> sub.seqsInArrivalOrder().size() >= countBefore + 10);
            }
            List<Long> after =
                    sub.seqsInArrivalOrder().subList(countBefore, sub.seqsInArrivalOrder().size());
            assertThat(after).allSatisfy(seq -> assertThat(seq).isGreaterThan(maxBefore));
        }
        awaitNoAgentThreads();
    }

    @Test
    void closingWhileTheBrokerIsDownStopsEveryThreadPromptly() {
        try (SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
            gw.start();
            await().atMost(PATIENCE).until(() -> gw.stats().connected());
            broker.stop();
            await().atMost(PATIENCE)
                    .until(() -> !gw.stats().connected() && gw.stats().outboxDepth() > 3);

            long t0 = System.nanoTime();
            gw.close();

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        awaitNoAgentThreads();
    }

    @Test
    void keepsTryingWhenTheBrokerIsDownAtStart() {
        broker.stop();
        try (SimulatedGateway gw = new SimulatedGateway(config(dir.resolve("agent")))) {
            gw.start();
            await().atMost(PATIENCE).until(() -> gw.stats().outboxDepth() >= 5);
            assertThat(gw.stats().connected()).isFalse();

            broker.restart();

            await().atMost(PATIENCE)
                    .until(() -> gw.stats().connected() && gw.stats().publishedBatches() >= 5);
        }
        awaitNoAgentThreads();
    }

    private SimulatedGatewayConfig config(Path dataDir) {
        return SimulatedGatewayConfig.of(
                        GW,
                        SimulatedGatewayConfig.brokerUri(broker.uri()),
                        dataDir,
                        ScenarioSource.classpath("scenarios/flood-rise.json"))
                .withTimeScale(10)
                .withPublishInterval(Duration.ofMillis(100))
                .withReconnectMaxDelay(Duration.ofSeconds(1))
                .withClientId(CLIENT_ID);
    }

    private static void awaitNoAgentThreads() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(agentThreads()).isEmpty());
    }

    /**
     * Live threads started by the agent: its scheduler and Paho's threads, which carry the client
     * id.
     */
    private static Set<String> agentThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("canhbao-edge-") || n.contains(CLIENT_ID))
                .collect(Collectors.toSet());
    }
}
