package vn.canhbao.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.scenario.ScenarioSource;

/**
 * Configuration of one {@link SimulatedGateway}. Start from {@link #of} (defaults for the rest) and
 * adjust with the {@code with…} methods. Every component is checked here; a bad value throws {@link
 * ContractViolation} naming the field and the value.
 *
 * @param gatewayId the gateway; must equal the scenario's {@code gateway}
 * @param brokerUri MQTT broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param dataDir the agent's own directory (sequence counter); created if missing
 * @param scenario the scenario file or class-path resource
 * @param timeScale scenario seconds per wall-clock second, positive (1 = real time, 4 = four times
 *     faster)
 * @param publishInterval wall-clock interval between batches; empty = the scenario's {@code
 *     publishInterval}
 * @param clientId MQTT client id, stable across restarts (default {@code edge-<gatewayId>})
 * @param maxOutboxBytes ceiling of the on-disk journal in bytes ({@code
 *     dataDir/journal/<gatewayId>}), at least 4096 (default 8 MiB); when full the oldest telemetry
 *     is evicted (counted)
 * @param sessionExpiry how long the broker keeps the MQTT session after a disconnect (default 1
 *     day)
 * @param reconnectMaxDelay ceiling of the reconnect backoff, at least 1 s (default 30 s)
 */
public record SimulatedGatewayConfig(
        GatewayId gatewayId,
        URI brokerUri,
        Path dataDir,
        ScenarioSource scenario,
        double timeScale,
        Optional<Duration> publishInterval,
        String clientId,
        long maxOutboxBytes,
        Duration sessionExpiry,
        Duration reconnectMaxDelay) {
    public static final long DEFAULT_MAX_OUTBOX_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);

    public SimulatedGatewayConfig {
        require(gatewayId, "gatewayId");
        require(brokerUri, "brokerUri");
        require(dataDir, "dataDir");
        require(scenario, "scenario");
        require(publishInterval, "publishInterval");
        require(clientId, "clientId");
        require(sessionExpiry, "sessionExpiry");
        require(reconnectMaxDelay, "reconnectMaxDelay");
        String scheme = brokerUri.getScheme();
        if (!("tcp".equals(scheme) || "ssl".equals(scheme))
                || brokerUri.getHost() == null
                || brokerUri.getPort() <= 0) {
            throw new ContractViolation(
                    "brokerUri",
                    brokerUri.toString(),
                    "expected tcp://host:port or ssl://host:port");
        }
        if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
            throw new ContractViolation(
                    "timeScale", timeScale, "expected a positive finite number");
        }
        publishInterval.ifPresent(
                i -> {
                    if (i.toMillis() < 10) {
                        throw new ContractViolation(
                                "publishInterval", i.toString(), "expected at least 10 ms");
                    }
                });
        if (clientId.isBlank() || clientId.length() > 128) {
            throw new ContractViolation("clientId", clientId, "expected 1-128 characters");
        }
        if (maxOutboxBytes < 4096) {
            throw new ContractViolation(
                    "maxOutboxBytes", maxOutboxBytes, "expected at least 4096 bytes");
        }
        if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > 0xFFFF_FFFFL) {
            throw new ContractViolation(
                    "sessionExpiry", sessionExpiry.toString(), "expected 0 to 4294967295 seconds");
        }
        if (reconnectMaxDelay.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ContractViolation(
                    "reconnectMaxDelay", reconnectMaxDelay.toString(), "expected at least PT1S");
        }
    }

    /**
     * A configuration with defaults: real time, the scenario's interval, client id {@code
     * edge-<gatewayId>}.
     */
    public static SimulatedGatewayConfig of(
            GatewayId gatewayId, URI brokerUri, Path dataDir, ScenarioSource scenario) {
        require(gatewayId, "gatewayId");
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                1.0,
                Optional.empty(),
                "edge-" + gatewayId.value(),
                DEFAULT_MAX_OUTBOX_BYTES,
                DEFAULT_SESSION_EXPIRY,
                DEFAULT_RECONNECT_MAX_DELAY);
    }

    /** Parses {@code brokerUri} such as {@code tcp://127.0.0.1:1883}. */
    public static URI brokerUri(String text) {
        try {
            return new URI(require(text, "brokerUri"));
        } catch (URISyntaxException e) {
            throw new ContractViolation("brokerUri", text, "not a URI: " + e.getReason());
        }
    }

    public SimulatedGatewayConfig withTimeScale(double v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                v,
                publishInterval,
                clientId,
                maxOutboxBytes,
                sessionExpiry,
                reconnectMaxDelay);
    }

    public SimulatedGatewayConfig withPublishInterval(Duration v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                timeScale,
                Optional.of(v),
                clientId,
                maxOutboxBytes,
                sessionExpiry,
                reconnectMaxDelay);
    }

    public SimulatedGatewayConfig withClientId(String v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                timeScale,
                publishInterval,
                v,
                maxOutboxBytes,
                sessionExpiry,
                reconnectMaxDelay);
    }

    public SimulatedGatewayConfig withMaxOutboxBytes(long v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                timeScale,
                publishInterval,
                clientId,
                v,
                sessionExpiry,
                reconnectMaxDelay);
    }

    public SimulatedGatewayConfig withSessionExpiry(Duration v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                timeScale,
                publishInterval,
                clientId,
                maxOutboxBytes,
                v,
                reconnectMaxDelay);
    }

    public SimulatedGatewayConfig withReconnectMaxDelay(Duration v) {
        return new SimulatedGatewayConfig(
                gatewayId,
                brokerUri,
                dataDir,
                scenario,
                timeScale,
                publishInterval,
                clientId,
                maxOutboxBytes,
                sessionExpiry,
                v);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, null, "required");
        }
        return value;
    }
}
