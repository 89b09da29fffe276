package vn.canhbao.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;

/**
 * Reads {@code cb.site-config.v1} from the beginning, decoding every value with the contracts
 * codec.
 */
public final class SiteConfigTopic {
    private SiteConfigTopic() {}

    /** Every record now in the topic, in offset order per partition, decoded. */
    public static List<SiteConfig> readAll(String bootstrapServers) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "registry-it-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // Only the registry may create the topic (compacted).
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(KafkaTopics.SITE_CONFIG, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<SiteConfig> configs = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SiteConfig config = SiteConfig.CODEC.decode(r.value());
                    if (!config.site().value().equals(r.key())) {
                        throw new AssertionError(
                                "key " + r.key() + " does not match site " + config.site());
                    }
                    configs.add(config);
                }
            }
            return configs;
        }
    }

    /** The highest version published for {@code site}, or -1. */
    public static long latestVersion(String bootstrapServers, String site) {
        return readAll(bootstrapServers).stream()
                .filter(c -> c.site().value().equals(site))
                .mapToLong(SiteConfig::version)
                .max()
                .orElse(-1);
    }
}
