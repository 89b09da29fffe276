package vn.canhbao.ingest.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import vn.canhbao.contracts.GatewayId;

/**
 * Validated configuration of the {@link HttpIngestServer}. Every check names the field and the bad
 * value.
 *
 * @param bindHost the address to bind (default {@code 127.0.0.1})
 * @param port the HTTP port
 * @param gatewayTokens each gateway's bearer token (at least 24 bytes). Interim authentication
 *     until mTLS (issue 5): a token identifies exactly one gateway, and the server is plain HTTP,
 *     so it must sit behind a TLS-terminating proxy outside a lab.
 * @param kafkaBootstrapServers Kafka bootstrap list, {@code host:port[,host:port…]}
 * @param maxPackBytes largest single pack (default 256 KiB, the MQTT limit); a larger one is a
 *     rejected pack
 * @param maxBodyBytes largest upload (default 16 MiB); a larger one gets 413 and nothing is read
 * @param maxPacks most packs in one upload (default 10000); more gets 413
 * @param kafkaDeliveryTimeout after this a Kafka write counts as failed (default 30 s)
 */
public record HttpIngestConfig(
        String bindHost,
        int port,
        Map<GatewayId, String> gatewayTokens,
        String kafkaBootstrapServers,
        int maxPackBytes,
        int maxBodyBytes,
        int maxPacks,
        Duration kafkaDeliveryTimeout) {

    public static final int DEFAULT_MAX_PACK_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_PACKS = 10_000;
    public static final int MIN_TOKEN_BYTES = 24;

    public HttpIngestConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(kafkaDeliveryTimeout, "kafkaDeliveryTimeout");
        gatewayTokens = Map.copyOf(gatewayTokens);
        require(!bindHost.isBlank(), "bindHost", bindHost, "expected a host name or address");
        require(port > 0 && port < 65536, "port", port, "expected 1..65535");
        gatewayTokens.forEach(
                (gw, token) ->
                        require(
                                token.getBytes(StandardCharsets.UTF_8).length >= MIN_TOKEN_BYTES
                                        && token.matches("[A-Za-z0-9._~+/=-]+"),
                                "gatewayTokens[" + gw.value() + "]",
                                "(" + token.length() + " characters)",
                                "expected at least "
                                        + MIN_TOKEN_BYTES
                                        + " bytes of token68 characters"));
        require(
                gatewayTokens.values().stream().distinct().count() == gatewayTokens.size(),
                "gatewayTokens",
                "(" + gatewayTokens.size() + " tokens)",
                "expected a distinct token per gateway");
        require(
                kafkaBootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
                "kafkaBootstrapServers",
                kafkaBootstrapServers,
                "expected host:port[,host:port...]");
        require(
                maxPackBytes > 0 && maxPackBytes <= 768 * 1024,
                "maxPackBytes",
                maxPackBytes,
                "expected 1..786432");
        require(
                maxBodyBytes >= maxPackBytes && maxBodyBytes <= 256 * 1024 * 1024,
                "maxBodyBytes",
                maxBodyBytes,
                "expected maxPackBytes..268435456");
        require(maxPacks > 0 && maxPacks <= 1_000_000, "maxPacks", maxPacks, "expected 1..1000000");
        require(
                kafkaDeliveryTimeout.toMillis() >= 1000,
                "kafkaDeliveryTimeout",
                kafkaDeliveryTimeout,
                "expected at least 1 s");
    }

    /** On 127.0.0.1 with the defaults. */
    public static HttpIngestConfig of(
            int port, Map<GatewayId, String> gatewayTokens, String kafkaBootstrapServers) {
        return new HttpIngestConfig(
                "127.0.0.1",
                port,
                gatewayTokens,
                kafkaBootstrapServers,
                DEFAULT_MAX_PACK_BYTES,
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_PACKS,
                Duration.ofSeconds(30));
    }

    public HttpIngestConfig withLimits(int maxPackBytes, int maxBodyBytes, int maxPacks) {
        return new HttpIngestConfig(
                bindHost,
                port,
                gatewayTokens,
                kafkaBootstrapServers,
                maxPackBytes,
                maxBodyBytes,
                maxPacks,
                kafkaDeliveryTimeout);
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "HttpIngestConfig." + field + " = '" + value + "': " + expected);
        }
    }
}
