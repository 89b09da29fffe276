package vn.canhbao.ingest.telemetry;

import java.util.Map;
import java.util.Objects;

/**
 * One record to write to Kafka, independent of the Kafka client so the handling logic stays pure.
 *
 * @param topic the Kafka topic
 * @param key the record key (UTF-8)
 * @param value the record value; not copied, do not modify
 * @param headers header name to UTF-8 value
 */
public record KafkaWrite(String topic, String key, byte[] value, Map<String, String> headers) {
    public KafkaWrite {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        headers = Map.copyOf(headers);
    }
}
