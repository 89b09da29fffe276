package vn.canhbao.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestService;
import vn.canhbao.ingest.TelemetryTopic;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.MosquittoBroker;

/** The HTTP backfill endpoint with a real Kafka and the JDK HTTP client. */
class HttpIngestServerIT {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final GatewayId OTHER = GatewayId.of("gw-nam-cang");
    private static final String TOKEN = "ta-van-token-0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final SenmlCodec SENML = new SenmlCodec();

    @TempDir Path dir;

    private KafkaBroker kafka;
    private HttpIngestServer server;
    private HttpIngestConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 3, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        config =
                HttpIngestConfig.of(
                                FreePorts.next(),
                                Map.of(GW, TOKEN, OTHER, "nam-cang-token-0123456789abcdef"),
                                kafka.bootstrapServers())
                        .withLimits(4096, 4 * 1024 * 1024, 1000);
        server = new HttpIngestServer(config);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aLongNdjsonBacklogIsOnKafkaInOrderPerSensorWhenTheGatewayGets200() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int pack = 0; pack < 300; pack++) {
            body.write(SENML.encode(batch(GW, pack * 10, 10)));
            body.write('\n');
        }

        HttpResponse<String> r = post(TOKEN, "application/x-ndjson", body.toByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = Json.mapper().readTree(r.body());
        assertThat(report.get("packs").asInt()).isEqualTo(300);
        assertThat(report.get("accepted").asInt()).isEqualTo(300);
        assertThat(report.get("readings").asLong()).isEqualTo(3000);
        List<TelemetryRecord> records = TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 3000));
        Map<SensorId, List<Long>> seqBySensor = new HashMap<>();
        records.forEach(
                t -> seqBySensor.computeIfAbsent(t.sensor(), s -> new ArrayList<>()).add(t.seq()));
        seqBySensor.values().forEach(seqs -> assertThat(seqs).isSorted());
        assertThat(records).extracting(TelemetryRecord::seq).doesNotHaveDuplicates();
    }

    @Test
    void aBadPackInAJsonArrayIsReportedByFieldAndDeadLetteredWhileTheOthersPass() throws Exception {
        String good1 = new String(SENML.encode(batch(GW, 0, 2)), StandardCharsets.UTF_8);
        String bad = good1.replace("\"u\":\"m\"", "\"u\":\"cm\"");
        String forged = new String(SENML.encode(batch(OTHER, 10, 2)), StandardCharsets.UTF_8);
        String good2 = new String(SENML.encode(batch(GW, 20, 2)), StandardCharsets.UTF_8);
        byte[] body =
                ("[" + good1 + "," + bad + "," + forged + "," + good2 + "]")
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = post(TOKEN, "application/json", body);

        assertThat(r.statusCode()).isEqualTo(207);
        JsonNode results = Json.mapper().readTree(r.body()).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("field").asText()).isEqualTo("[0].u");
        assertThat(results.get(1).get("value").asText()).contains("cm");
        assertThat(results.get(2).get("field").asText()).isEqualTo("[0].bn");
        assertThat(results.get(3).get("status").asText()).isEqualTo("accepted");
        assertThat(TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 4))).hasSize(4);
        List<ConsumerRecord<String, byte[]>> dead = read(KafkaTopics.TELEMETRY_DLQ, 2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(header(dead.get(0), KafkaTopics.DLQ_SOURCE)).isEqualTo(BatchUpload.SOURCE);
        assertThat(dead).allSatisfy(d -> assertThat(d.key()).isEqualTo(GW.value()));
    }

    @Test
    void withoutAKnownTokenNothingIsWritten() throws Exception {
        byte[] body = SENML.encode(batch(GW, 0, 2));

        HttpResponse<String> none = post(null, "application/x-ndjson", body);
        HttpResponse<String> wrong = post("x" + TOKEN, "application/x-ndjson", body);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(server.unauthorizedRequests()).isEqualTo(2);
        assertThat(server.metrics().snapshot().receivedMessages()).isZero();
    }

    @Test
    void oversizeBodiesGet413AndOversizePacksAreRejectedWithTheirHead() throws Exception {
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(post(TOKEN, "application/x-ndjson", huge).statusCode()).isEqualTo(413);

        byte[] bigPack = SENML.encode(batch(GW, 0, 100)); // > 4096 bytes
        assertThat(bigPack.length).isGreaterThan(4096);
        HttpResponse<String> r = post(TOKEN, "application/x-ndjson", bigPack);
        assertThat(r.statusCode()).isEqualTo(207);
        assertThat(Json.mapper().readTree(r.body()).get("results").get(0).get("field").asText())
                .isEqualTo("payload");
        ConsumerRecord<String, byte[]> dead = read(KafkaTopics.TELEMETRY_DLQ, 1).get(0);
        assertThat(dead.value()).hasSize(4096);
        assertThat(header(dead, "cb-original-bytes")).isEqualTo(Integer.toString(bigPack.length));

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            many.append("[]\n");
        }
        assertThat(post(TOKEN, "application/x-ndjson", many.toString().getBytes()).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aKafkaFailureGets503WithRetryAfterAndEveryPackMarkedFailed() throws Exception {
        server.close();
        config = config.withLimits(4096, 1024 * 1024, 100);
        HttpIngestConfig moved =
                new HttpIngestConfig(
                        config.bindHost(),
                        FreePorts.next(),
                        config.gatewayTokens(),
                        config.kafkaBootstrapServers(),
                        4096,
                        1024 * 1024,
                        100,
                        config.kafkaDeliveryTimeout());
        config = moved;
        server =
                new HttpIngestServer(
                        moved,
                        w -> CompletableFuture.failedFuture(new IOException("kafka is down")));
        server.start();

        HttpResponse<String> r = post(TOKEN, "application/x-ndjson", SENML.encode(batch(GW, 0, 2)));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(Json.mapper().readTree(r.body()).get("results").get(0).get("status").asText())
                .isEqualTo("failed");
    }

    @Test
    void aBacklogUploadedAgainAfterARestartOfTheEndpointIsNotWrittenTwice() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int pack = 0; pack < 20; pack++) {
            body.write(SENML.encode(batch(GW, pack * 10, 10)));
            body.write('\n');
        }
        HttpResponse<String> first = post(TOKEN, "application/x-ndjson", body.toByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(first.body()).get("duplicates").asLong()).isZero();

        // when the endpoint restarts and the gateway, which never saw the 200, uploads it all
        // again with 5 more packs
        server.close();
        server = new HttpIngestServer(config);
        server.start();
        for (int pack = 20; pack < 25; pack++) {
            body.write(SENML.encode(batch(GW, pack * 10, 10)));
            body.write('\n');
        }
        HttpResponse<String> again = post(TOKEN, "application/x-ndjson", body.toByteArray());

        // then the 200 readings already in Kafka are reported as duplicates, not written again
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode report = Json.mapper().readTree(again.body());
        assertThat(report.get("readings").asLong()).isEqualTo(250);
        assertThat(report.get("duplicates").asLong()).isEqualTo(200);
        List<TelemetryRecord> records = TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 250));
        assertThat(records).extracting(TelemetryRecord::seq).doesNotHaveDuplicates().hasSize(250);
    }

    @Test
    void besideIngestTheEndpointSharesItsDeduplicationWithTheMqttPath() throws Exception {
        // given an MQTT ingest service and the HTTP endpoint on its pipeline
        server.close();
        try (MosquittoBroker mqtt = MosquittoBroker.start(dir.resolve("mosquitto"));
                IngestService ingest =
                        new IngestService(
                                IngestConfig.of(
                                        mqtt.uri(), "it-ingest", kafka.bootstrapServers()))) {
            ingest.start();
            server = new HttpIngestServer(config, ingest.pipeline());
            server.start();
            // when the gateway sends readings 0-49 over MQTT
            MqttClient publisher = new MqttClient(mqtt.uri(), "it-gw", null);
            publisher.connect();
            for (int pack = 0; pack < 5; pack++) {
                MqttMessage m = new MqttMessage(SENML.encode(batch(GW, pack * 10, 10)));
                m.setQos(1);
                publisher.publish(MqttTopics.telemetry(GW), m);
            }
            publisher.disconnect();
            publisher.close();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingest.metrics().snapshot().acceptedReadings() == 50);
            // and then backfills readings 0-99 over HTTP
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int pack = 0; pack < 10; pack++) {
                body.write(SENML.encode(batch(GW, pack * 10, 10)));
                body.write('\n');
            }
            HttpResponse<String> r = post(TOKEN, "application/x-ndjson", body.toByteArray());

            // then only 50-99 are written by HTTP, and Kafka holds every reading once
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(r.body()).get("duplicates").asLong()).isEqualTo(50);
            List<TelemetryRecord> records = TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 100));
            assertThat(records)
                    .extracting(TelemetryRecord::seq)
                    .doesNotHaveDuplicates()
                    .hasSize(100);
            assertThat(ingest.metrics().snapshot().duplicatesDropped()).isEqualTo(50);
        }
    }

    private HttpResponse<String> post(String token, String type, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + config.port()
                                                + HttpIngestServer.PATH))
                        .header("Content-Type", type)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw e;
        }
    }

    private static ReadingBatch batch(GatewayId gw, int from, int n) {
        List<Reading> readings = new ArrayList<>();
        String site = gw.value().substring(3);
        for (int i = from; i < from + n; i++) {
            boolean rain = i % 2 == 1;
            readings.add(
                    new Reading(
                            gw,
                            SensorId.of((rain ? "rg-" : "wl-") + site),
                            rain ? Quantity.RAIN : Quantity.WATER_LEVEL,
                            rain ? 0.5 : 1 + i / 1000.0,
                            T0.plusSeconds(30L * i),
                            i));
        }
        return new ReadingBatch(gw, readings);
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        return TelemetryTopic.readExactly(kafka.bootstrapServers(), topic, expected);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
