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
