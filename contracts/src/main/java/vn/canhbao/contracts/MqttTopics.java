package vn.canhbao.contracts;

/**
 * MQTT topic names, one tree per gateway: {@code cb/v1/gw/{gatewayId}/…}. The broker's ACL binds
 * each gateway's certificate to its own subtree.
 */
public final class MqttTopics {
    public static final String PREFIX = "cb/v1/gw/";

    private static final String TELEMETRY_SUFFIX = "/telemetry";

    /** Every gateway's telemetry, for a subscriber. */
    public static final String ALL_TELEMETRY = PREFIX + "+/telemetry";

    private MqttTopics() {}

    /** Batched readings, SenML JSON, QoS 1. */
    public static String telemetry(GatewayId gw) {
        return PREFIX + gw.value() + TELEMETRY_SUFFIX;
    }

    /**
     * Whether {@code topic} is {@link #telemetry(GatewayId) telemetry(gw)}, without building it.
     */
    public static boolean isTelemetry(String topic, GatewayId gw) {
        String id = gw.value();
        return topic.length() == PREFIX.length() + id.length() + TELEMETRY_SUFFIX.length()
                && topic.startsWith(PREFIX)
                && topic.startsWith(id, PREFIX.length())
                && topic.endsWith(TELEMETRY_SUFFIX);
    }

    /** Local alerts and camera events, QoS 1. */
    public static String events(GatewayId gw) {
        return PREFIX + gw.value() + "/events";
    }

    /** Retained birth message and last will. */
    public static String state(GatewayId gw) {
        return PREFIX + gw.value() + "/state";
    }

    /** Retained configuration written by the registry. */
    public static String config(GatewayId gw) {
        return PREFIX + gw.value() + "/config";
    }

    public static String configAck(GatewayId gw) {
        return PREFIX + gw.value() + "/config/ack";
    }

    /** Periodic heartbeat of the gateway agent ({@code cb.gateway-health.v1} JSON), QoS 1. */
    public static String health(GatewayId gw) {
        return PREFIX + gw.value() + "/health";
    }

    /**
     * Requests to the gateway for a camera snapshot: the payload is the camera id (plain text), QoS
     * 1. Written by operators' services, read by the gateway only.
     */
    public static String snapshotRequest(GatewayId gw) {
        return PREFIX + gw.value() + "/cmd/snapshot";
    }

    /** The JPEG keyframe a snapshot request produced, QoS 1, not retained. */
    public static String snapshot(GatewayId gw, CameraId camera) {
        return PREFIX + gw.value() + "/snapshot/" + camera.value();
    }

    /**
     * Why a snapshot request failed: {@code {"camera": "...", "error": "..."}} JSON, QoS 1 (the
     * camera may be unknown or its id malformed, so it is not in the topic).
     */
    public static String snapshotError(GatewayId gw) {
        return PREFIX + gw.value() + "/snapshot-error";
    }

    /** MQTT 5 shared subscription to all telemetry: instances in {@code group} split the load. */
    public static String sharedTelemetry(String group) {
        return "$share/" + Ids.check(group, "group") + "/" + ALL_TELEMETRY;
    }

    /**
     * The gateway a topic belongs to.
     *
     * @throws ContractViolation naming {@code topic} when it is not under {@code cb/v1/gw/}
     */
    public static GatewayId gatewayOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            throw new ContractViolation("topic", topic, "expected a topic under " + PREFIX);
        }
        int end = topic.indexOf('/', PREFIX.length());
        String id =
                end < 0 ? topic.substring(PREFIX.length()) : topic.substring(PREFIX.length(), end);
        try {
            return GatewayId.of(id);
        } catch (ContractViolation e) {
            throw new ContractViolation("topic", topic, "gateway level: " + e.reason());
        }
    }
}
