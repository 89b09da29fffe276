package vn.canhbao.ops.intake;

import java.util.Objects;
import java.util.Optional;

/**
 * One Kafka record as the intake services see it, free of Kafka types so that tests can drive the
 * services directly.
 *
 * @param topic the topic it came from
 * @param partition its partition
 * @param offset its offset
 * @param key the record key as UTF-8 text, absent if the record had none
 * @param value the raw value; empty for a tombstone (a null value on the wire)
 */
public record IncomingRecord(
        String topic, int partition, long offset, Optional<String> key, byte[] value) {
    public IncomingRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public boolean tombstone() {
        return value.length == 0;
    }
}
