package vn.canhbao.stream.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.dlq.DeadLetter;

/** The hazard job's Kafka sources and sink, built from {@link HazardJobConfig}. */
public final class KafkaConnectors {
    private KafkaConnectors() {}

    /**
     * {@code cb.telemetry.v1}: continues from the group's committed offsets (committed on each
     * checkpoint); a new group starts at {@link HazardJobConfig#telemetryStart()}. A record that
     * breaks the contract comes out as a dead letter ({@link Either#Left}).
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version takes.
    public static KafkaSource<Either<DeadLetter, TelemetryPack>> telemetrySource(
            HazardJobConfig config) {
        OffsetResetStrategy reset =
                config.telemetryStart() == HazardJobConfig.TelemetryStart.EARLIEST
                        ? OffsetResetStrategy.EARLIEST
                        : OffsetResetStrategy.LATEST;
        return KafkaSource.<Either<DeadLetter, TelemetryPack>>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(KafkaTopics.TELEMETRY)
                .setGroupId(config.groupId())
                .setClientIdPrefix(config.groupId() + "-telemetry")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setDeserializer(ContractDeserializer.telemetryPacksOrDeadLetters())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * {@code cb.site-config.v1} (compacted): always read from the earliest offset, so every start
     * sees the latest config of every site. A record that breaks the contract comes out as a dead
     * letter ({@link Either#Left}); tombstones are skipped.
     */
    public static KafkaSource<Either<DeadLetter, SiteConfig>> siteConfigSource(
            HazardJobConfig config) {
        return KafkaSource.<Either<DeadLetter, SiteConfig>>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(KafkaTopics.SITE_CONFIG)
                .setGroupId(config.groupId() + "-site-config")
                .setClientIdPrefix(config.groupId() + "-site-config")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(ContractDeserializer.siteConfigsOrDeadLetters())
                .build();
    }

    /**
     * {@code cb.alerts.v1}, key alert id. Delivery is {@link DeliveryGuarantee#AT_LEAST_ONCE}: the
     * sink flushes on every checkpoint and the producer waits for all in-sync replicas ({@code
     * acks=all}, idempotent). After a failure, transitions since the last checkpoint are sent again
     * with the same alert id and revision, which consumers drop. Exactly-once would hold every
     * alert back until the next checkpoint completes (up to the checkpoint interval), too slow for
     * a life-safety path.
     */
    public static KafkaSink<AlertEvent> alertSink(HazardJobConfig config) {
        return KafkaSink.<AlertEvent>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<AlertEvent>builder()
                                .setTopic(KafkaTopics.ALERTS)
                                .setKeySerializationSchema(new AlertSerialization.Key())
                                .setValueSerializationSchema(new AlertSerialization.Value())
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty(ProducerConfig.ACKS_CONFIG, "all")
                .setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, "0")
                .build();
    }
}
