package vn.canhbao.contracts;

/** Kafka topic names and the dead-letter header names. */
public final class KafkaTopics {
    /** Validated readings, one record per reading, key {@code gatewayId/sensorId}. */
    public static final String TELEMETRY = "cb.telemetry.v1";

    /** Rejected input: the original bytes as value, the reason in headers. */
    public static final String TELEMETRY_DLQ = "cb.telemetry.dlq.v1";

    /** Compacted, key site id, value {@link SiteConfig}. */
    public static final String SITE_CONFIG = "cb.site-config.v1";

    /** Key alert id, value {@link AlertEvent}. */
    public static final String ALERTS = "cb.alerts.v1";

    /**
     * Compacted, key {@code gatewayId/sensorId}, value {@link PendingSensor}: unknown sensors seen
     * by ingest.
     */
    public static final String SENSOR_PENDING = "cb.sensor-pending.v1";

    public static final String DEVICE_STATE = "cb.device-state.v1";
    public static final String VIDEO_EVENTS = "cb.video-events.v1";

    /**
     * Dead-letter header: why the input was rejected (the full {@link ContractViolation} message).
     */
    public static final String DLQ_REASON = "cb-reason";

    /** Dead-letter header: the field at fault. */
    public static final String DLQ_FIELD = "cb-field";

    /** Dead-letter header: where the input came from, e.g. the MQTT topic. */
    public static final String DLQ_SOURCE = "cb-source";

    /** Dead-letter header: when it was rejected, ISO-8601 UTC. */
    public static final String DLQ_REJECTED_AT = "cb-rejected-at";

    private KafkaTopics() {}
}
