package vn.canhbao.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Test reads of {@code cb.telemetry.v1}, whose records are packs of readings: counts and unpacks
 * readings, so tests count what matters (readings), not Kafka records.
 */
public final class TelemetryTopic {
    private TelemetryTopic() {}

    /** The readings a record carries: its pack's size on the telemetry topic, otherwise 1. */
    public static int weight(ConsumerRecord<?, byte[]> r) {
        return r.topic().equals(KafkaTopics.TELEMETRY)
                ? TelemetryPack.CODEC.decode(r.value()).readings().size()
                : 1;
    }

    public static int weight(Collection<? extends ConsumerRecord<?, byte[]>> records) {
        int n = 0;
        for (ConsumerRecord<?, byte[]> r : records) {
            n += weight(r);
        }
        return n;
    }

    public static List<TelemetryRecord> unpack(ConsumerRecord<?, byte[]> r) {
        return TelemetryPack.CODEC.decode(r.value()).records();
    }

    public static List<TelemetryRecord> unpack(
            Collection<? extends ConsumerRecord<?, byte[]>> records) {
        List<TelemetryRecord> out = new ArrayList<>();
        records.forEach(r -> out.addAll(unpack(r)));
        return out;
    }

    /**
     * Reads {@code topic} from the beginning until records carrying {@code expected} readings (or
     * dead letters) came, waits half a second for extras, and asserts there were none.
     */
    public static List<ConsumerRecord<String, byte[]>> readExactly(
            String bootstrapServers, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "it-" + System.nanoTime(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                c.poll(Duration.ofMillis(200)).forEach(out::add);
                                return weight(out) >= expected;
                            });
            c.poll(Duration.ofMillis(500)).forEach(out::add); // nothing more than expected
        }
        Assertions.assertThat(weight(out)).isEqualTo(expected);
        return out;
    }

    /** Every reading now in the topic, read from the beginning to the current end offsets. */
    public static List<TelemetryRecord> readAll(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                10_000,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(KafkaTopics.TELEMETRY)
                    .forEach(p -> tps.add(new TopicPartition(p.topic(), p.partition())));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps, Duration.ofSeconds(10));
            List<TelemetryRecord> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read to " + ends);
                }
                c.poll(Duration.ofMillis(200)).forEach(r -> out.addAll(unpack(r)));
            }
            return out;
        }
    }
}
