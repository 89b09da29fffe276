package vn.canhbao.edge.adapter.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.senml.SensorSenmlDecoder;

/**
 * Configuration of the local MQTT adapter.
 *
 * @param brokerUri the gateway's local broker, {@code tcp://127.0.0.1:1883}
 * @param clientId stable client id, so the broker keeps the session (and unacknowledged messages)
 * @param topicPrefix sensors publish on {@code {topicPrefix}/{sensorId}}
 * @param sensors the sensors accepted
 * @param maxPayloadBytes the largest pack accepted
 * @param reconnectMin first wait before reconnecting
 * @param reconnectMax the wait doubles up to this
 * @param sessionExpiry how long the broker keeps the session while the adapter is away
 */
public record MqttLocalAdapterConfig(
        URI brokerUri,
        String clientId,
        String topicPrefix,
        KnownSensors sensors,
        int maxPayloadBytes,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration sessionExpiry) {
    public MqttLocalAdapterConfig {
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(sensors, "sensors");
        if (!"tcp".equals(brokerUri.getScheme()) && !"ssl".equals(brokerUri.getScheme())) {
            throw new IllegalArgumentException(
                    "brokerUri must be tcp:// or ssl://, got " + brokerUri);
        }
        if (clientId.isBlank()
                || topicPrefix.isBlank()
                || topicPrefix.contains("+")
                || topicPrefix.contains("#")
                || topicPrefix.endsWith("/")) {
            throw new IllegalArgumentException(
                    "bad clientId or topicPrefix: " + clientId + ", " + topicPrefix);
        }
        if (maxPayloadBytes < 64) {
            throw new IllegalArgumentException(
                    "maxPayloadBytes must be ≥ 64, got " + maxPayloadBytes);
        }
        for (Duration d : new Duration[] {reconnectMin, reconnectMax, sessionExpiry}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
    }

    /** Defaults: prefix {@code sensors}, 4 KiB packs, reconnect 1 s → 30 s, session kept 1 day. */
    public static MqttLocalAdapterConfig of(URI brokerUri, String clientId, KnownSensors sensors) {
        return new MqttLocalAdapterConfig(
                brokerUri,
                clientId,
                "sensors",
                sensors,
                SensorSenmlDecoder.DEFAULT_MAX_PAYLOAD_BYTES,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofDays(1));
    }

    public MqttLocalAdapterConfig withReconnect(Duration min, Duration max) {
        return new MqttLocalAdapterConfig(
                brokerUri,
                clientId,
                topicPrefix,
                sensors,
                maxPayloadBytes,
                min,
                max,
                sessionExpiry);
    }
}
