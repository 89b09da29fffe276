package vn.canhbao.ingest.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.ingest.IngestException;

/**
 * Feeds a {@link SiteConfigCache} from the compacted {@code cb.site-config.v1}: reads it from the
 * beginning to the end offsets before {@link #start} returns (so ingest never judges a sensor on a
 * half-loaded registry), then follows it on a daemon thread. No consumer group: every ingest
 * instance reads the whole topic. Undecodable records are skipped and logged.
 */
public final class SiteConfigFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final SiteConfigCache cache;
    private final AtomicLong lag = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private List<TopicPartition> partitions = List.of();

    public SiteConfigFollower(String bootstrapServers, String clientId, SiteConfigCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-site-config-" + clientId);
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::follow, "ingest-site-config-" + clientId);
        thread.setDaemon(true);
    }

    /**
     * Loads the topic to its end offsets, then follows it in the background.
     *
     * @throws IngestException when the topic cannot be read within {@code timeout}
     */
    public void start(Duration timeout) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(KafkaTopics.SITE_CONFIG, timeout);
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo p : infos) {
                tps.add(new TopicPartition(p.topic(), p.partition()));
            }
            if (tps.isEmpty()) {
                throw new IngestException(
                        "Topic "
                                + KafkaTopics.SITE_CONFIG
                                + " does not exist; it is required when requireRegisteredSensors is on",
                        null);
            }
            partitions = List.copyOf(tps);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(ends, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new IngestException(
                            "Cannot load " + KafkaTopics.SITE_CONFIG + " within " + timeout, null);
                }
                pollOnce();
            }
        } catch (KafkaException e) {
            throw new IngestException(
                    "Cannot read " + KafkaTopics.SITE_CONFIG + ": " + e.getMessage(), e);
        }
        LOG.info(
                "Sensor registry loaded from {}: {} sensors",
                KafkaTopics.SITE_CONFIG,
                cache.size());
        thread.start();
    }

    private boolean reached(Map<TopicPartition, Long> ends, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void follow() {
        try {
            while (running) {
                pollOnce();
                updateLag();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error(
                    "Following {} stopped; the registry cache is frozen",
                    KafkaTopics.SITE_CONFIG,
                    e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.value() == null) {
                if (r.key() != null) {
                    try {
                        cache.remove(SiteId.of(r.key()));
                    } catch (RuntimeException e) {
                        LOG.warn("Tombstone with a bad site key {} skipped", r.key());
                    }
                }
                continue;
            }
            Optional<SiteConfig> config = decode(r.value());
            if (config.isPresent()) {
                cache.apply(config.get());
            } else {
                LOG.warn(
                        "Undecodable {} record at offset {} skipped: {}",
                        KafkaTopics.SITE_CONFIG,
                        r.offset(),
                        new String(
                                r.value(),
                                0,
                                Math.min(r.value().length, 200),
                                StandardCharsets.UTF_8));
            }
        }
    }

    /** Decodes one record value; anything invalid is skipped (empty), never thrown. */
    static Optional<SiteConfig> decode(byte[] value) {
        try {
            return Optional.of(SiteConfig.CODEC.decode(value));
        } catch (RuntimeException e) {
            LOG.debug("Undecodable site configuration: {}", e.toString());
            return Optional.empty();
        }
    }

    private void updateLag() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long total = 0;
        for (TopicPartition tp : partitions) {
            total += Math.max(0, ends.getOrDefault(tp, 0L) - consumer.position(tp));
        }
        lag.set(total);
    }

    /** Records of {@code cb.site-config.v1} not yet applied (refreshed after each poll). */
    public long lag() {
        return lag.get();
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
