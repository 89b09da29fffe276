package vn.canhbao.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.edge.SimulatedGateway;

/**
 * The foundation's end-to-end proof, on real components only: the platform is started exactly as
 * {@code ./canhbao} starts it (real Kafka, a real MQTT broker, real PostgreSQL, a Flink
 * MiniCluster, the three Quarkus services as child processes, three simulated gateways).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path dataDir;
    private LocalPlatform platform;
    private Instant started;

    @BeforeAll
    void startThePlatformAsTheRunCommandDoes() {
        Path home = Path.of(System.getProperty("canhbao.home", "..")).toAbsolutePath().normalize();
        platform =
                LocalPlatform.start(
                        PlatformConfig.defaults(home).withDataDir(dataDir).withConsolePort(0));
        started = Instant.now();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void floodAlertAppearsLiveOnTheConsoleWithinAMinuteAndEscalatesToLevelThree() throws Exception {
        // given a console listening on the live stream, as the page's EventSource does
        CompletableFuture<String> firstLiveAlert =
                readFirstSseEvent(platform.opsUrl() + "/api/v1/alerts/stream", "alert");

        // when the Nậm Cang flood climbs through BĐ I, II and III
        JsonNode alert =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> openAlert("nam-cang"),
                                a -> a != null && a.path("level").path("number").asInt() == 3);

        // then the same episode escalated to cấp 3, as a local sensor alert with its evidence
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(alert.path("hazard").asText()).isEqualTo("flood");
        assertThat(alert.path("localSensorAlert").asBoolean()).isTrue();
        assertThat(alert.path("revision").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(alert.path("evidence").get(0).path("threshold").asText()).isEqualTo("BD3");
        // and the transition reached the operations center within seconds of the reading that
        // caused it
        Duration lag =
                Duration.between(
                        Instant.parse(alert.path("time").asText()),
                        Instant.parse(alert.path("receivedAt").asText()));
        assertThat(lag).isLessThan(Duration.ofSeconds(5));
        // and the console received it live, without reloading
        assertThat(firstLiveAlert.get(30, TimeUnit.SECONDS)).contains("\"alertId\"");
        assertThat(get(platform.consoleUrl()).body()).contains("Trung tâm điều hành");
        // and the console's video link leads to recorded clips of the camera near the site
        String videoUrl = alert.path("videoUrl").asText();
        assertThat(videoUrl)
                .startsWith(platform.vmsUrl() + "/api/v1/alerts/" + alert.path("alertId").asText());
        JsonNode clips =
                await().atMost(Duration.ofSeconds(45))
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(
                                () -> Json.mapper().readTree(get(videoUrl).body()),
                                c -> c.toString().contains("cam-nam-cang"));
        assertThat(clips.toString()).contains("/media");
        // and the other two communes raised the levels their scenarios reach
        await().atMost(Duration.ofSeconds(60))
                .until(() -> level(openAlert("tra-leng")) == 2 && level(openAlert("ta-van")) == 1);
    }

    @Test
    @Order(2)
    void malformedPayloadLandsInTheDeadLetterTopicWithItsReasonWhileTheFlowGoesOn()
            throws Exception {
        // given a gateway whose readings are flowing
        GatewayId gw = GatewayId.of("gw-ta-van");
        SimulatedGateway taVan = gateway(gw);
        long publishedBefore = taVan.stats().publishedReadings();

        // when a malformed pack (unit "cm" for a water level) arrives on its telemetry topic
        publish(
                MqttTopics.telemetry(gw),
                "[{\"bn\":\"gw-ta-van/\",\"bt\":1763770000,\"n\":\"wl-ta-van/water_level\",\"u\":\"cm\",\"v\":120,\"seq_\":1}]");

        // then it is in the dead-letter topic with the reason naming the field
        Map<String, String> headers =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> deadLetterHeaders("wl-ta-van/water_level"), h -> !h.isEmpty());
        assertThat(headers.get(KafkaTopics.DLQ_REASON)).contains("[0].u").contains("cm");
        assertThat(headers.get(KafkaTopics.DLQ_SOURCE)).isEqualTo(MqttTopics.telemetry(gw));
        // and the gateway's good readings keep arriving
        await().atMost(Duration.ofSeconds(20))
                .until(() -> taVan.stats().publishedReadings() > publishedBefore + 4);
    }

    @Test
    @Order(3)
    void everyReadingOfTheScenariosReachesKafkaExactlyOnceBySequenceNumber() {
        // given the gateways have played part of their scenarios, then stop (draining their outbox)
        Map<GatewayId, long[]> expected = new HashMap<>();
        for (SimulatedGateway gw : platform.gateways()) {
            gw.close();
            expected.put(
                    gw.config().gatewayId(),
                    new long[] {gw.stats().publishedReadings(), gw.stats().nextSeq()});
            assertThat(gw.stats().outboxDepth())
                    .as("outbox of %s after close", gw.config().gatewayId())
                    .isZero();
        }

        // when all of cb.telemetry.v1 is read
        Map<GatewayId, List<Long>> seqs =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                this::telemetrySeqsByGateway,
                                got ->
                                        expected.entrySet().stream()
                                                .allMatch(
                                                        e ->
                                                                got.getOrDefault(
                                                                                        e.getKey(),
                                                                                        List.of())
                                                                                .size()
                                                                        >= e.getValue()[0]));

        // then each gateway's sequence numbers arrived once each, none missing, none twice
        expected.forEach(
                (gw, published) -> {
                    List<Long> arrived = seqs.get(gw);
                    assertThat(arrived)
                            .as("sequence numbers of %s", gw)
                            .doesNotHaveDuplicates()
                            .hasSize((int) published[0]);
                    long min = arrived.stream().mapToLong(Long::longValue).min().orElseThrow();
                    long max = arrived.stream().mapToLong(Long::longValue).max().orElseThrow();
                    assertThat(max - min + 1).as("no gap in %s", gw).isEqualTo(arrived.size());
                    assertThat(max)
                            .as("last sequence number of %s", gw)
                            .isEqualTo(published[1] - 1);
                });
    }

    private SimulatedGateway gateway(GatewayId id) {
        return platform.gateways().stream()
                .filter(g -> g.config().gatewayId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode openAlert(String site) throws Exception {
        JsonNode alerts =
                Json.mapper().readTree(get(platform.opsUrl() + "/api/v1/alerts?state=open").body());
        for (JsonNode a : alerts) {
            if (a.path("siteId").asText().equals(site)) {
                return a;
            }
        }
        return null;
    }

    private static int level(JsonNode alert) {
        return alert == null ? 0 : alert.path("level").path("number").asInt();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return r;
    }

    private static CompletableFuture<String> readFirstSseEvent(String url, String event) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(
                        response -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    response.body(), StandardCharsets.UTF_8))) {
                                boolean inEvent = false;
                                for (String line = in.readLine();
                                        line != null;
                                        line = in.readLine()) {
                                    if (line.equals("event:" + event)
                                            || line.equals("event: " + event)) {
                                        inEvent = true;
                                    } else if (inEvent && line.startsWith("data:")) {
                                        return line.substring(5).trim();
                                    } else if (line.isEmpty()) {
                                        inEvent = false;
                                    }
                                }
                                return "";
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
    }

    private void publish(String topic, String payload) throws Exception {
        MqttClient client =
                new MqttClient(platform.mqttUri(), "it-bad-sender", new MemoryPersistence());
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            client.publish(topic, message);
            client.disconnect();
        } finally {
            client.close();
        }
    }

    private Map<String, String> deadLetterHeaders(String marker) {
        Map<String, String> found = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r :
                platform.kafkaBroker().records(KafkaTopics.TELEMETRY_DLQ)) {
            if (new String(r.value(), StandardCharsets.UTF_8).contains(marker)) {
                for (Header h : r.headers()) {
                    found.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return found;
    }

    private Map<GatewayId, List<Long>> telemetrySeqsByGateway() {
        Map<GatewayId, List<Long>> seqs = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r :
                platform.kafkaBroker().records(KafkaTopics.TELEMETRY)) {
            for (TelemetryRecord t : TelemetryPack.CODEC.decode(r.value()).records()) {
                seqs.computeIfAbsent(t.gateway(), k -> new ArrayList<>()).add(t.seq());
            }
        }
        return seqs;
    }
}
