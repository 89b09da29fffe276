package vn.canhbao.edge.uplink;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;

/**
 * How the uplink talks to the broker. Every component is checked; a bad value throws {@link
 * ContractViolation} naming the field and the value.
 *
 * @param gateway whose topics to publish on
 * @param brokerUri {@code tcp://host:port} or {@code ssl://host:port} (then {@code tls} is
 *     required)
 * @param clientId MQTT client id; stable across restarts so the broker keeps the session
 * @param sessionExpiry how long the broker keeps the session after a disconnect (clean start is
 *     off)
 * @param keepAlive MQTT keep-alive
 * @param reconnectMaxDelay ceiling of the reconnect backoff (exponential from 1 s, full jitter)
 * @param maxInFlight journal records published but not yet acknowledged, at most
 * @param agentVersion reported in the birth message
 * @param tls the gateway's client certificate, key and the CA that signed the broker's certificate;
 *     empty for plain TCP
 * @param replayReadingsPerSecond ceiling on telemetry and diagnostics sent per second (alerts are
 *     never held back), for thin links; 0 = unlimited
 * @param compressMinBytes payloads at least this long are sent gzip-compressed when that makes them
 *     smaller; 0 = never compress
 */
public record UplinkSettings(
        GatewayId gateway,
        String brokerUri,
        String clientId,
        Duration sessionExpiry,
        Duration keepAlive,
        Duration reconnectMaxDelay,
        int maxInFlight,
        String agentVersion,
        Optional<UplinkTls> tls,
        double replayReadingsPerSecond,
        int compressMinBytes) {
    public static final int DEFAULT_COMPRESS_MIN_BYTES = 256;

    public UplinkSettings {
        require(gateway, "gateway");
        require(brokerUri, "brokerUri");
        require(clientId, "clientId");
        require(sessionExpiry, "sessionExpiry");
        require(keepAlive, "keepAlive");
        require(reconnectMaxDelay, "reconnectMaxDelay");
        require(agentVersion, "agentVersion");
        require(tls, "tls");
        if (!(brokerUri.startsWith("tcp://") || brokerUri.startsWith("ssl://"))) {
            throw new ContractViolation(
                    "brokerUri", brokerUri, "expected tcp://host:port or ssl://host:port");
        }
        if (brokerUri.startsWith("ssl://") && tls.isEmpty()) {
            throw new ContractViolation(
                    "tls", "none", "an ssl:// broker needs the gateway's certificate files");
        }
        if (maxInFlight <= 0 || maxInFlight > 65_535) {
            throw new ContractViolation("maxInFlight", maxInFlight, "expected 1 to 65535");
        }
        if (reconnectMaxDelay.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ContractViolation(
                    "reconnectMaxDelay", reconnectMaxDelay.toString(), "expected at least PT1S");
        }
        if (!(replayReadingsPerSecond >= 0) || !Double.isFinite(replayReadingsPerSecond)) {
            throw new ContractViolation(
                    "replayReadingsPerSecond",
                    replayReadingsPerSecond,
                    "expected 0 (unlimited) or more");
        }
        if (compressMinBytes < 0) {
            throw new ContractViolation(
                    "compressMinBytes", compressMinBytes, "expected 0 (never) or more");
        }
    }

    /** Plain TCP, no replay limit, compression from {@value #DEFAULT_COMPRESS_MIN_BYTES} bytes. */
    public UplinkSettings(
            GatewayId gateway,
            String brokerUri,
            String clientId,
            Duration sessionExpiry,
            Duration keepAlive,
            Duration reconnectMaxDelay,
            int maxInFlight,
            String agentVersion) {
        this(
                gateway,
                brokerUri,
                clientId,
                sessionExpiry,
                keepAlive,
                reconnectMaxDelay,
                maxInFlight,
                agentVersion,
                Optional.empty(),
                0,
                DEFAULT_COMPRESS_MIN_BYTES);
    }

    public UplinkSettings withTls(UplinkTls value) {
        return new UplinkSettings(
                gateway,
                brokerUri,
                clientId,
                sessionExpiry,
                keepAlive,
                reconnectMaxDelay,
                maxInFlight,
                agentVersion,
                Optional.of(value),
                replayReadingsPerSecond,
                compressMinBytes);
    }

    public UplinkSettings withReplayReadingsPerSecond(double value) {
        return new UplinkSettings(
                gateway,
                brokerUri,
                clientId,
                sessionExpiry,
                keepAlive,
                reconnectMaxDelay,
                maxInFlight,
                agentVersion,
                tls,
                value,
                compressMinBytes);
    }

    public UplinkSettings withCompressMinBytes(int value) {
        return new UplinkSettings(
                gateway,
                brokerUri,
                clientId,
                sessionExpiry,
                keepAlive,
                reconnectMaxDelay,
                maxInFlight,
                agentVersion,
                tls,
                replayReadingsPerSecond,
                value);
    }

    public UplinkSettings withMaxInFlight(int value) {
        return new UplinkSettings(
                gateway,
                brokerUri,
                clientId,
                sessionExpiry,
                keepAlive,
                reconnectMaxDelay,
                value,
                agentVersion,
                tls,
                replayReadingsPerSecond,
                compressMinBytes);
    }

    private static void require(Object value, String field) {
        if (Objects.isNull(value)) {
            throw new ContractViolation(field, null, "is required");
        }
    }
}
