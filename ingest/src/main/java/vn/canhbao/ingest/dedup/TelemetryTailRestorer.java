package vn.canhbao.ingest.dedup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.ingest.IngestException;

/**
 * Rebuilds a {@link Deduplicator} from the tail of {@code cb.telemetry.v1}: every record written in
 * the last {@code horizon} (by record timestamp), on every partition, up to the end offsets read at
 * start. Runs once, before ingest subscribes to MQTT, so a message redelivered after a crash (even
 * kill -9 between Kafka's acknowledgement and the PUBACK) is recognised: its readings are in the
 * log. No consumer group, no committed offsets.
 */
public final class TelemetryTailRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryTailRestorer.class);

    private TelemetryTailRestorer() {}

    /** What the restore read. */
    public record Result(long records, long skipped, Duration took) {}

    /**
     * Decodes one {@code cb.telemetry.v1} value; anything that is not a valid record (a foreign
     * writer, a tombstone, garbage) is skipped, never thrown.
     */
    static Optional<TelemetryPack> decode(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TelemetryPack.CODEC.decode(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @throws IngestException when Kafka cannot be read within {@code timeout}
     */
    public static Result restore(
            String bootstrapServers,
            Duration horizon,
            Duration timeout,
            Clock clock,
            Deduplicator dedup) {
        Objects.requireNonNull(dedup, "dedup");
        long started = System.nanoTime();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-dedup-restore");
        long records = 0;
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(KafkaTopics.TELEMETRY, timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            if (partitions.isEmpty()) {
                return new Result(0, 0, Duration.ofNanos(System.nanoTime() - started));
            }
            consumer.assign(partitions);
            long since = clock.millis() - horizon.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> starts =
                    consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                long from = start == null ? ends.get(tp) : start.offset();
                consumer.seek(tp, from);
                if (from < ends.get(tp)) {
                    remaining.put(tp, ends.get(tp));
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IngestException(
                            "Deduplication restore from "
                                    + KafkaTopics.TELEMETRY
                                    + " did not reach the end offsets within "
                                    + timeout
                                    + "; still to read: "
                                    + remaining,
                            null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Optional<TelemetryPack> t = decode(r.value());
                    if (t.isPresent()) {
                        for (TelemetryPack.PackedReading p : t.get().readings()) {
                            dedup.restored(t.get().gateway(), p.seq());
                            records++;
                        }
                    } else {
                        skipped++;
                    }
                }
                remaining
                        .entrySet()
                        .removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
        } catch (KafkaException e) {
            throw new IngestException(
                    "Cannot restore the deduplication state from "
                            + KafkaTopics.TELEMETRY
                            + " on "
                            + bootstrapServers
                            + ": "
                            + e.getMessage(),
                    e);
        }
        Result result = new Result(records, skipped, Duration.ofNanos(System.nanoTime() - started));
        LOG.info(
                "Deduplication state restored from the last {} of {}: {} readings, {} gateways, {} unreadable, in {} ms",
                horizon,
                KafkaTopics.TELEMETRY,
                records,
                dedup.gateways(),
                skipped,
                result.took().toMillis());
        return result;
    }
}
