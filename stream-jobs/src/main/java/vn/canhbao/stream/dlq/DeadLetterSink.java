package vn.canhbao.stream.dlq;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.HazardJobConfig;

/**
 * The hazard job's dead-letter sink: {@code cb.telemetry.dlq.v1} ({@link
 * KafkaTopics#TELEMETRY_DLQ}, the topic ingest writes its rejects to), key and value those of the
 * {@link DeadLetter} (a reading: {@code gatewayId/sensorId} and the reading as {@link
 * TelemetryRecord} JSON; an undecodable input record: its own key and bytes), headers {@link
 * KafkaTopics#DLQ_REASON} ({@code reason: detail}), {@link KafkaTopics#DLQ_FIELD}, {@link
 * KafkaTopics#DLQ_SOURCE} ({@value DeadLetter#SOURCE}, telling them apart from ingest's) and {@link
 * KafkaTopics#DLQ_REJECTED_AT}. At-least-once, like the alerts.
 */
public final class DeadLetterSink {
    private DeadLetterSink() {}

    public static KafkaSink<DeadLetter> create(HazardJobConfig config) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setRecordSerializer(new Serializer())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty(ProducerConfig.ACKS_CONFIG, "all")
                .setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .build();
    }

    /** Key, value and headers of one dead letter. */
    static final class Serializer implements KafkaRecordSerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                DeadLetter d, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(KafkaTopics.DLQ_REASON, utf8(d.reasonHeader()));
            headers.add(KafkaTopics.DLQ_FIELD, utf8(d.field()));
            headers.add(KafkaTopics.DLQ_SOURCE, utf8(DeadLetter.SOURCE));
            headers.add(KafkaTopics.DLQ_REJECTED_AT, utf8(d.rejectedAt().toString()));
            return new ProducerRecord<>(
                    KafkaTopics.TELEMETRY_DLQ, null, null, utf8(d.key()), d.value(), headers);
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
