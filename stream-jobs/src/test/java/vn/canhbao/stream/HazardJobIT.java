package vn.canhbao.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.water;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.testsupport.KafkaBroker;

/** The hazard job on a local MiniCluster against a real Kafka broker. */
class HazardJobIT {
    @TempDir Path dir;

    private KafkaBroker kafka;
    private KafkaProducer<byte[], byte[]> producer;
    private HazardJobs.Running job;
    private volatile boolean consuming = true;

    @BeforeEach
    void startKafka() {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 2, false);
        kafka.createTopic(KafkaTopics.SITE_CONFIG, 1, true);
        kafka.createTopic(KafkaTopics.ALERTS, 1, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class));
    }

    @AfterEach
    void stopAll() {
        if (job != null) {
            job.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private void send(SiteConfig config) {
        producer.send(
                new ProducerRecord<>(
                        KafkaTopics.SITE_CONFIG,
                        bytes(config.site().value()),
                        SiteConfig.CODEC.encode(config)));
    }

    private void send(TelemetryRecord... readings) {
        for (TelemetryRecord r : readings) {
            producer.send(
                    new ProducerRecord<>(
                            KafkaTopics.TELEMETRY,
                            bytes(r.gateway().value()),
                            TelemetryPack.CODEC.encode(
                                    TelemetryPack.of(
                                            r.gateway(),
                                            r.receivedAt(),
                                            java.util.List.of(r.reading())))));
        }
        producer.flush();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads {@code cb.alerts.v1} on a background thread into {@code into}. */
    private Thread consumeAlerts(List<ConsumerRecord<String, AlertEvent>> into) {
        Thread t =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> consumer =
                                    new KafkaConsumer<>(
                                            Map.of(
                                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                                    kafka.bootstrapServers(),
                                                    ConsumerConfig.GROUP_ID_CONFIG,
                                                    "hazard-job-it",
                                                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                                    "earliest",
                                                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                                    ByteArrayDeserializer.class,
                                                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                                    ByteArrayDeserializer.class))) {
                                consumer.subscribe(List.of(KafkaTopics.ALERTS));
                                while (consuming) {
                                    for (ConsumerRecord<byte[], byte[]> r :
                                            consumer.poll(Duration.ofMillis(100))) {
                                        into.add(
                                                new ConsumerRecord<>(
                                                        r.topic(),
                                                        r.partition(),
                                                        r.offset(),
                                                        new String(r.key(), StandardCharsets.UTF_8),
                                                        AlertEvent.CODEC.decode(r.value())));
                                    }
                                }
                            }
                        },
                        "alerts-consumer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> summary(List<ConsumerRecord<String, AlertEvent>> records) {
        List<String> s = new ArrayList<>();
        records.forEach(
                r ->
                        s.add(
                                r.value().state().wireName()
                                        + ":"
                                        + r.value().level().number()
                                        + ":r"
                                        + r.value().revision()));
        return s;
    }

    @Test
    void risingWaterInKafkaBecomesRaisedThenUpdatedAlertsInKafkaWithinSeconds()
            throws InterruptedException {
        // given the job running, and the config and first readings produced at the same time,
        // with a record that is not a TelemetryRecord in between
        job =
                HazardJobs.startLocal(
                        HazardJobConfig.defaults(kafka.bootstrapServers())
                                .withGroupId("hazard-it"));
        List<ConsumerRecord<String, AlertEvent>> alerts = new CopyOnWriteArrayList<>();
        Thread consumer = consumeAlerts(alerts);
        send(namCang(1));
        producer.send(
                new ProducerRecord<>(
                        KafkaTopics.TELEMETRY,
                        bytes("gw-nam-cang/wl-nam-cang"),
                        bytes("{\"garbage\":")));
        send(water(0, 1.0), water(1, 2.1), water(2, 2.2));

        // then level 1 is raised (this wait includes the MiniCluster's start)
        await().atMost(Duration.ofSeconds(90)).until(() -> alerts.size() >= 1);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);

        // when the water keeps rising
        long sent = System.nanoTime();
        send(water(3, 3.1), water(4, 3.2), water(5, 4.1), water(6, 4.2));

        // then levels 2 and 3 follow for the same alert within seconds
        await().atMost(Duration.ofSeconds(5)).until(() -> alerts.size() >= 3);
        Duration latency = Duration.ofNanos(System.nanoTime() - sent);
        consuming = false;
        consumer.join(Duration.ofSeconds(10).toMillis());

        assertThat(summary(alerts)).containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2");
        String alertId = alerts.get(0).value().alertId();
        assertThat(alerts)
                .allSatisfy(
                        r -> {
                            assertThat(r.key()).isEqualTo(alertId);
                            assertThat(r.value().alertId()).isEqualTo(alertId);
                            assertThat(r.value().localSensorAlert()).isTrue();
                        });
        assertThat(latency).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aNewerSiteConfigInKafkaAppliesWithoutRestart() throws InterruptedException {
        // given the job running with BD I at 2.0 m, and the water at 1.5 m
        job =
                HazardJobs.startLocal(
                        HazardJobConfig.defaults(kafka.bootstrapServers())
                                .withGroupId("hazard-it-config"));
        List<ConsumerRecord<String, AlertEvent>> alerts = new CopyOnWriteArrayList<>();
        Thread consumer = consumeAlerts(alerts);
        send(namCang(1));
        send(water(0, 1.5), water(1, 1.5));

        // when version 2 lowers BD I to 1.0 m while the job runs
        send(namCang(2, DemoSites.thresholds(1.0, 3.0, 4.0)));

        // then the same water level raises level 1 against the new threshold. The two topics are
        // not ordered against each other, so readings keep coming until the new config is in use.
        int[] minute = {2};
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            send(water(minute[0]++, 1.5));
                            return !alerts.isEmpty();
                        });
        consuming = false;
        consumer.join(Duration.ofSeconds(10).toMillis());

        AlertEvent raised = alerts.get(0).value();
        assertThat(summary(alerts)).startsWith("raised:1:r0");
        assertThat(raised.evidence())
                .isNotEmpty()
                .allSatisfy(
                        e -> {
                            assertThat(e.threshold()).isEqualTo("BD1");
                            assertThat(e.thresholdValue()).isEqualTo(1.0);
                        });
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void inputTheJobCannotUseGoesToTheDeadLetterTopicWithTheReason() throws InterruptedException {
        // given the job running with a 1 s pending buffer
        job =
                HazardJobs.startLocal(
                        HazardJobConfig.defaults(kafka.bootstrapServers())
                                .withGroupId("hazard-it-dlq")
                                .withPendingLimits(
                                        new vn.canhbao.stream.flood.PendingLimits(
                                                100, Duration.ofSeconds(1))));
        send(namCang(1));

        // when a sensor no site lists reports, a telemetry record breaks its contract and a site
        // config record is not a site config
        TelemetryRecord stray =
                DemoSites.reading(
                        vn.canhbao.contracts.GatewayId.of("gw-stray"),
                        vn.canhbao.contracts.SensorId.of("wl-stray"),
                        vn.canhbao.contracts.Quantity.WATER_LEVEL,
                        0,
                        1.0);
        send(stray);
        byte[] brokenPack = bytes("{\"gw\":\"gw-nam-cang\",\"readings\":[");
        producer.send(
                new ProducerRecord<>(KafkaTopics.TELEMETRY, bytes("gw-nam-cang"), brokenPack));
        byte[] brokenConfig = bytes("{\"site\":\"xa-khac\",\"version\":\"two\"}");
        producer.send(
                new ProducerRecord<>(KafkaTopics.SITE_CONFIG, bytes("xa-khac"), brokenConfig));
        producer.flush();

        // then all three arrive in cb.telemetry.dlq.v1 with the reason, the field and the source
        Map<String, ConsumerRecord<byte[], byte[]>> letters = new ConcurrentHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "hazard-job-it-dlq",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(KafkaTopics.TELEMETRY_DLQ));
            await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200))
                                        .forEach(
                                                r ->
                                                        letters.put(
                                                                new String(
                                                                        r.key(),
                                                                        StandardCharsets.UTF_8),
                                                                r));
                                return letters.size() >= 3;
                            });
        }
        assertThat(letters).containsOnlyKeys("gw-stray/wl-stray", "gw-nam-cang", "xa-khac");
        assertThat(letters.values())
                .allSatisfy(
                        letter -> {
                            assertThat(header(letter, KafkaTopics.DLQ_SOURCE))
                                    .isEqualTo("stream-jobs/hazard-job");
                            assertThat(header(letter, KafkaTopics.DLQ_REJECTED_AT)).isNotBlank();
                        });

        ConsumerRecord<byte[], byte[]> unconfigured = letters.get("gw-stray/wl-stray");
        assertThat(TelemetryRecord.CODEC.decode(unconfigured.value())).isEqualTo(stray);
        assertThat(header(unconfigured, KafkaTopics.DLQ_REASON)).startsWith("unconfigured: ");
        assertThat(header(unconfigured, KafkaTopics.DLQ_FIELD)).isEqualTo("sensor");

        // undecodable records keep their own bytes; the reason names the field and the place
        ConsumerRecord<byte[], byte[]> pack = letters.get("gw-nam-cang");
        assertThat(pack.value()).isEqualTo(brokenPack);
        assertThat(header(pack, KafkaTopics.DLQ_REASON))
                .startsWith("undecodable: ")
                .contains(KafkaTopics.TELEMETRY + " partition ");
        assertThat(header(pack, KafkaTopics.DLQ_FIELD)).isNotBlank();
        ConsumerRecord<byte[], byte[]> config = letters.get("xa-khac");
        assertThat(config.value()).isEqualTo(brokenConfig);
        assertThat(header(config, KafkaTopics.DLQ_REASON))
                .startsWith("undecodable: ")
                .contains("two")
                .contains(KafkaTopics.SITE_CONFIG + " partition 0 offset ");
        assertThat(header(config, KafkaTopics.DLQ_FIELD)).isEqualTo("version");
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
