package vn.canhbao.edge.uplink;

import java.time.Duration;
import java.util.Objects;
import vn.canhbao.contracts.GatewayId;

/**
 * How the uplink talks to the broker.
 *
 * @param gateway whose topics to publish on
 * @param brokerUri {@code tcp://host:port} (or {@code ssl://})
 * @param clientId MQTT client id; stable across restarts so the broker keeps the session
 * @param sessionExpiry how long the broker keeps the session after a disconnect (clean start is
 *     off)
 * @param keepAlive MQTT keep-alive
 * @param reconnectMaxDelay ceiling of the reconnect backoff (it starts at 1 s and doubles)
 * @param maxInFlight telemetry batches published but not yet acknowledged, at most
 * @param agentVersion reported in the birth message
 */
public record UplinkSettings(
        GatewayId gateway,
        String brokerUri,
        String clientId,
        Duration sessionExpiry,
        Duration keepAlive,
        Duration reconnectMaxDelay,
        int maxInFlight,
        String agentVersion) {
    public UplinkSettings {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(reconnectMaxDelay, "reconnectMaxDelay");
        Objects.requireNonNull(agentVersion, "agentVersion");
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
    }
}
