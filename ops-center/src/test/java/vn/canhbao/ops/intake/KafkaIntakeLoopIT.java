package vn.canhbao.ops.intake;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * The consumer loop against a real broker: offsets are committed only after the batch was stored, a
 * failed batch is offered again, and a restarted consumer resumes after the last committed record.
 */
class KafkaIntakeLoopIT {
    private static final String TOPIC = "ops-loop-test";
    private static final String GROUP = "ops-loop-test-group";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir static Path dir;

    static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(TOPIC, 1, false);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void waitsForATopicThatDoesNotExistYetAndConsumesItOnceCreated() throws Exception {
        // given a consumer started before its topic exists
        String topic = "ops-loop-late-topic";
        List<String> stored = new CopyOnWriteArrayList<>();
        try (KafkaIntakeLoop loop =
                new KafkaIntakeLoop(
                        topic,
                        kafka.bootstrapServers(),
                        "ops-loop-late-group",
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        batch -> {
                            batch.forEach(
                                    r -> stored.add(new String(r.value(), StandardCharsets.UTF_8)));
                            return new BatchSummary(topic, Map.of("applied", batch.size()));
                        },
                        () -> {})) {
            loop.start();
            await().atMost(10, SECONDS)
                    .until(() -> loop.lastPollAt().isAfter(java.time.Instant.EPOCH));
            assertThat(kafka.topics()).doesNotContain(topic);

            // when the topic is created and written to
            kafka.createTopic(topic, 1, false);
            try (KafkaProducer<String, String> p =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all"),
                            new StringSerializer(),
                            new StringSerializer())) {
                p.send(new ProducerRecord<>(topic, "k", "late")).get(10, SECONDS);
            }

            // then the waiting consumer gets the record
            await().atMost(60, SECONDS).until(() -> stored.contains("late"));
        }
    }

    private static void produce(String... values) throws Exception {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(TOPIC, 0, "k", v)).get(10, SECONDS);
            }
        }
    }

    private static OffsetAndMetadata committed() throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(10, SECONDS)
                    .get(PARTITION);
        }
    }

    private static KafkaIntakeLoop loop(BatchApplier applier, AtomicInteger failures) {
        return new KafkaIntakeLoop(
                TOPIC,
                kafka.bootstrapServers(),
                GROUP,
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                applier,
                failures::incrementAndGet);
    }

    @Test
    void commitsOnlyAfterTheBatchIsStoredRetriesAFailedBatchAndResumesAfterRestart()
            throws Exception {
        // given three records and a store that is down
        produce("a", "b", "c");
        AtomicBoolean storeDown = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<String> stored = new CopyOnWriteArrayList<>();
        BatchApplier applier =
                batch -> {
                    if (storeDown.get()) {
                        throw new IllegalStateException("database down");
                    }
                    batch.forEach(
                            r ->
                                    stored.add(
                                            r.offset()
                                                    + ":"
                                                    + new String(
                                                            r.value(), StandardCharsets.UTF_8)));
                    return new BatchSummary(TOPIC, Map.of("applied", batch.size()));
                };

        try (KafkaIntakeLoop loop = loop(applier, failures)) {
            loop.start();

            // when the batch keeps failing, then nothing is committed and the loop reports failing
            await().atMost(30, SECONDS).until(() -> failures.get() >= 2);
            assertThat(committed()).isNull();
            assertThat(loop.failing()).isTrue();
            assertThat(loop.running()).isTrue();

            // when the store is back, then the same records are stored, in order, and committed
            storeDown.set(false);
            await().atMost(30, SECONDS).until(() -> stored.size() >= 3);
            assertThat(stored).containsExactly("0:a", "1:b", "2:c");
            await().atMost(30, SECONDS)
                    .untilAsserted(
                            () ->
                                    assertThat(committed())
                                            .isNotNull()
                                            .extracting(OffsetAndMetadata::offset)
                                            .isEqualTo(3L));
            assertThat(loop.failing()).isFalse();
        }

        // given the first consumer stopped cleanly, when a new one starts in the same group
        produce("d");
        stored.clear();
        try (KafkaIntakeLoop restarted = loop(applier, failures)) {
            restarted.start();

            // then it resumes after the last committed record
            await().atMost(30, SECONDS).until(() -> !stored.isEmpty());
            assertThat(stored).containsExactly("3:d");
            restarted.close();
            assertThat(restarted.running()).isFalse();
        }
    }
}
