package vn.canhbao.stream.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import vn.canhbao.contracts.AlertEvent;

/**
 * Key and value of a {@code cb.alerts.v1} record. Named classes: Flink cannot type lambdas here.
 */
final class AlertSerialization {
    private AlertSerialization() {}

    /** The key: the alert id, UTF-8, so all transitions of an episode share a partition. */
    static final class Key implements SerializationSchema<AlertEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(AlertEvent alert) {
            return alert.alertId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The value: {@link AlertEvent#CODEC} JSON. */
    static final class Value implements SerializationSchema<AlertEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(AlertEvent alert) {
            return AlertEvent.CODEC.encode(alert);
        }
    }
}
