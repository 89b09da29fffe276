package vn.canhbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.ingest.registry.TestSites;
import vn.canhbao.ingest.telemetry.TelemetryHandler;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Issue 4 on real components: deduplication across restarts (in-process and after kill -9 of an
 * ingest child JVM), a Kafka broker restart mid-stream, the registry check with enrichment and
 * pending reports, and the Prometheus endpoint.
 */
class IngestReliabilityIT {
    private static final List<String> GATEWAYS = List.of("nam-cang", "ta-van", "tra-leng");
    private static final int READINGS_PER_BATCH = 10;
    // Batch b is measured at T0 + b minutes: 200 batches stay in the past (the future is refused).
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(6));
    private static final SenmlCodec SENML = new SenmlCodec();

    @TempDir Path dir;

    private MosquittoBroker mosquitto;
    private KafkaBroker kafka;
    private MqttClient publisher;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void startBrokers() throws MqttException {
        mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 3, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        publisher = new MqttClient(mosquitto.uri(), "it-publisher", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        publisher.connect(o);
    }

    @AfterEach
    void stopAll() throws MqttException {
        children.forEach(Process::destroyForcibly);
        if (publisher != null && publisher.isConnected()) {
            publisher.disconnect();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void aBacklogReplayedAfterARestartWritesNoReadingTwiceAndTheDuplicatesAreScraped()
            throws Exception {
        // given 20 batches per gateway written by a first ingest instance, which then stops
        IngestConfig config = config("ingest-rel-a").withMetricsPort(0);
        try (IngestService first = new IngestService(config)) {
            first.start();
            publishBatches(0, 20);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> countTelemetry() == 3 * 20 * READINGS_PER_BATCH);
        }

        // when a new instance starts on the same session (nothing of the first survives in
        // memory) and every gateway replays its whole backlog plus 5 new batches
        try (IngestService second = new IngestService(config)) {
            second.start();
            publishBatches(0, 25);

            // then only the 5 new batches reach Kafka: every (gateway, seq) exactly once
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> second.metrics().snapshot().ackedMessages() == 3 * 25);
            assertExactlyOnce(readTelemetry(), 3 * 25 * READINGS_PER_BATCH);
            assertThat(second.metrics().snapshot().duplicatesDropped())
                    .isEqualTo(3 * 20 * READINGS_PER_BATCH);

            // and the Prometheus endpoint says so
            String scraped = scrape(second.metricsPort().getAsInt());
            assertThat(scraped)
                    .contains(
                            "cb_ingest_duplicates_dropped_total "
                                    + 3 * 20 * READINGS_PER_BATCH
                                    + "\n")
                    .contains(
                            "cb_ingest_readings_accepted_total "
                                    + 3 * 5 * READINGS_PER_BATCH
                                    + "\n")
                    .contains("cb_ingest_messages_received_total " + 3 * 25 + "\n")
                    .contains("cb_ingest_kafka_failures_total 0\n")
                    .contains("cb_ingest_ready 1\n");
        }
    }

    @Test
    void ingestKilledWithSigkillMidStreamLosesNothingAndWritesNothingTwice() throws Exception {
        // given an ingest child JVM
        int metricsPort = FreePorts.next();
        Process child = startChild("ingest-rel-k", metricsPort, "first");
        awaitReady(metricsPort);

        // when gateways stream 3 x 200 batches and the child is killed with SIGKILL mid-stream
        int batches = 200;
        Stream stream = new Stream(0, batches, Duration.ofMillis(2));
        await().atMost(Duration.ofSeconds(60)).until(() -> countTelemetry() >= 1500);
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no PUBACK
        child.waitFor();
        long atKill = countTelemetry();

        // and a new child starts on the same session while the stream goes on
        startChild("ingest-rel-k", metricsPort, "second");
        stream.finish();

        // then every reading arrives exactly once
        int expected = 3 * batches * READINGS_PER_BATCH;
        await().atMost(Duration.ofSeconds(90)).until(() -> countTelemetry() >= expected);
        assertThat(atKill).isLessThan(expected);
        assertExactlyOnce(readTelemetry(), expected);
    }

    @Test
    void aKafkaBrokerRestartedMidStreamLosesNothingAndWritesNothingTwice() throws Exception {
        // given
        try (IngestService ingest = new IngestService(config("ingest-rel-b"))) {
            ingest.start();

            // when gateways stream 150 batches and Kafka is stopped during the middle 50
            int batches = 150;
            publishBatches(0, 50);
            await().atMost(Duration.ofSeconds(60)).until(() -> countTelemetry() >= 300);
            kafka.stop();
            long receivedAtStop = ingest.metrics().snapshot().receivedMessages();
            publishBatches(50, 100);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ingest.metrics().snapshot().receivedMessages() > receivedAtStop);
            kafka.restart();
            publishBatches(100, batches);

            // then every reading arrives exactly once
            int expected = 3 * batches * READINGS_PER_BATCH;
            await().atMost(Duration.ofSeconds(90)).until(() -> countTelemetry() >= expected);
            assertExactlyOnce(readTelemetry(), expected);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingest.metrics().snapshot().acceptedReadings() == expected);
        }
    }

    @Test
    void unknownSensorsAreDeadLetteredAndReportedAsPendingKnownOnesEnriched() throws Exception {
        // given the registry knows ta-van's two sensors
        kafka.createTopic(KafkaTopics.SITE_CONFIG, 1, true);
        kafka.createTopic(KafkaTopics.SENSOR_PENDING, 1, true);
        SiteConfig taVan = TestSites.site(1, "wl-ta-van", "rg-ta-van");
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            p.send(
                            new ProducerRecord<>(
                                    KafkaTopics.SITE_CONFIG,
                                    taVan.site().value(),
                                    SiteConfig.CODEC.encode(taVan)))
                    .get();
        }
        try (IngestService ingest =
                new IngestService(config("ingest-rel-r").withRequireRegisteredSensors(true))) {
            ingest.start();

            // when ta-van sends a known and an unknown sensor's reading
            GatewayId gw = GatewayId.of("gw-ta-van");
            byte[] payload =
                    SENML.encode(
                            new ReadingBatch(
                                    gw,
                                    List.of(
                                            new Reading(
                                                    gw,
                                                    SensorId.of("rg-ta-van"),
                                                    Quantity.RAIN,
                                                    3.5,
                                                    T0,
                                                    1),
                                            new Reading(
                                                    gw,
                                                    SensorId.of("rg-moi"),
                                                    Quantity.RAIN,
                                                    1.0,
                                                    T0,
                                                    2))));
            publish(gw, payload);

            // then the known one is in cb.telemetry.v1 with site, commune and province headers
            List<ConsumerRecord<String, byte[]>> telemetry = awaitRecords(KafkaTopics.TELEMETRY, 1);
            assertThat(telemetry).hasSize(1);
            assertThat(header(telemetry.get(0), TelemetryHandler.HEADER_SITE)).isEqualTo("ta-van");
            assertThat(header(telemetry.get(0), TelemetryHandler.HEADER_COMMUNE))
                    .isEqualTo("Xã Tả Van");
            assertThat(header(telemetry.get(0), TelemetryHandler.HEADER_PROVINCE))
                    .isEqualTo("Lào Cai");

            // and the message is dead-lettered naming the unknown sensor
            List<ConsumerRecord<String, byte[]>> dead = awaitRecords(KafkaTopics.TELEMETRY_DLQ, 1);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(payload);
            assertThat(header(dead.get(0), KafkaTopics.DLQ_REASON))
                    .contains("rg-moi")
                    .contains("not registered");

            // and the sensor is reported as pending, keyed gw/sensor
            List<ConsumerRecord<String, byte[]>> pending =
                    awaitRecords(KafkaTopics.SENSOR_PENDING, 1);
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).key()).isEqualTo("gw-ta-van/rg-moi");
            PendingSensor ps = PendingSensor.CODEC.decode(pending.get(0).value());
            assertThat(ps.quantity()).isEqualTo(Quantity.RAIN);
            assertThat(ps.readings()).isEqualTo(1);
            assertThat(ingest.metrics().snapshot().rejectedReadingsByReason())
                    .containsEntry("unknown_sensor", 1L);
        }
    }

    // ---------------------------------------------------------------------------------------

    private IngestConfig config(String clientId) {
        return IngestConfig.of(mosquitto.uri(), clientId, kafka.bootstrapServers());
    }

    private Process startChild(String clientId, int metricsPort, String name) throws IOException {
        Path log = dir.resolve("child-" + name + ".log");
        ProcessBuilder pb =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        IngestMain.class.getName(),
                        "--mqtt",
                        mosquitto.uri(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--client-id",
                        clientId,
                        "--metrics-port",
                        Integer.toString(metricsPort));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> scrape(port).contains("cb_ingest_ready 1\n"));
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    /** Batch {@code b} of a gateway: 10 readings, seq 10b..10b+9, alternating two sensors. */
    private static byte[] batch(GatewayId gw, String site, int b) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < READINGS_PER_BATCH; i++) {
            boolean rain = i % 2 == 1;
            readings.add(
                    new Reading(
                            gw,
                            SensorId.of((rain ? "rg-" : "wl-") + site),
                            rain ? Quantity.RAIN : Quantity.WATER_LEVEL,
                            rain ? i : 1.0 + b / 1000.0,
                            T0.plusSeconds(60L * b + i),
                            (long) READINGS_PER_BATCH * b + i));
        }
        return SENML.encode(new ReadingBatch(gw, readings));
    }

    private void publishBatches(int from, int to) throws MqttException {
        for (int b = from; b < to; b++) {
            for (String site : GATEWAYS) {
                GatewayId gw = GatewayId.of("gw-" + site);
                publish(gw, batch(gw, site, b));
            }
        }
    }

    /** Publishes batches on its own thread; {@link #finish()} waits and rethrows its failure. */
    private final class Stream {
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicInteger published = new AtomicInteger();
        private final Thread thread;

        Stream(int from, int to, Duration pause) {
            thread =
                    new Thread(
                            () -> {
                                try {
                                    for (int b = from; b < to; b++) {
                                        publishBatches(b, b + 1);
                                        published.addAndGet(GATEWAYS.size());
                                        Thread.sleep(pause.toMillis()); // paces the load
                                    }
                                } catch (MqttException
                                        | InterruptedException
                                        | RuntimeException e) {
                                    failure.set(e);
                                }
                            },
                            "it-stream");
            thread.start();
        }

        void finish() throws InterruptedException {
            thread.join(120_000);
            assertThat(thread.isAlive()).as("publisher still running").isFalse();
            assertThat(failure.get()).as("publisher failure").isNull();
        }
    }

    private synchronized void publish(GatewayId gw, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        publisher.publish(MqttTopics.telemetry(gw), message);
    }

    /** Readings in {@code cb.telemetry.v1} now, or -1 while Kafka is down. */
    private long countTelemetry() {
        try {
            return TelemetryTopic.readAll(kafka.bootstrapServers()).size();
        } catch (RuntimeException e) {
            return -1; // Kafka down
        }
    }

    private List<TelemetryRecord> readTelemetry() {
        return TelemetryTopic.readAll(kafka.bootstrapServers());
    }

    /** Reads a topic from the beginning until at least {@code count} records came. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                                return out.size() >= count;
                            });
        }
        return out;
    }

    private static void assertExactlyOnce(List<TelemetryRecord> records, int expected) {
        Map<String, Integer> perReading = new HashMap<>();
        records.forEach(
                r -> perReading.merge(r.gateway().value() + "#" + r.seq(), 1, Integer::sum));
        Map<String, Integer> twice = new HashMap<>();
        perReading.forEach(
                (k, v) -> {
                    if (v > 1) {
                        twice.put(k, v);
                    }
                });
        assertThat(twice).as("readings written more than once").isEmpty();
        assertThat(perReading).hasSize(expected);
        assertThat(records).hasSize(expected);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as("header " + name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
