package vn.canhbao.ingest.coap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import vn.canhbao.contracts.GatewayId;

/**
 * Validated configuration of the {@link CoapIngestServer}. Every check names the field and the bad
 * value.
 *
 * @param bindHost the address both endpoints bind to (default {@code 127.0.0.1}; {@code 0.0.0.0} in
 *     production)
 * @param dtlsPort the {@code coaps://} port (CoAP over DTLS 1.2 with pre-shared keys; standard
 *     5684)
 * @param insecurePort a plain-UDP {@code coap://} port for tests and the lab only: there the
 *     gateway is taken from the URI path {@code /telemetry/{gateway}} without any authentication.
 *     Empty (the default) in production.
 * @param gatewayKeys the pre-shared key of each gateway; the PSK identity is the gateway id, so a
 *     gateway can only ever send as itself. Keys are at least 16 bytes of UTF-8.
 * @param kafkaBootstrapServers Kafka bootstrap list, {@code host:port[,host:port…]}
 * @param maxPayloadBytes largest pack accepted (default {@value #DEFAULT_MAX_PAYLOAD_BYTES});
 *     larger ones get 4.13 and a dead letter with their head
 * @param kafkaDeliveryTimeout after this a Kafka write counts as failed and the client gets 5.03
 *     (default 30 s)
 */
public record CoapIngestConfig(
        String bindHost,
        int dtlsPort,
        OptionalInt insecurePort,
        Map<GatewayId, String> gatewayKeys,
        String kafkaBootstrapServers,
        int maxPayloadBytes,
        Duration kafkaDeliveryTimeout) {

    public static final int DEFAULT_DTLS_PORT = 5684;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;
    public static final int MAX_PAYLOAD_LIMIT_BYTES = 256 * 1024;
    public static final int MIN_KEY_BYTES = 16;

    public CoapIngestConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(insecurePort, "insecurePort");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(kafkaDeliveryTimeout, "kafkaDeliveryTimeout");
        gatewayKeys = Map.copyOf(gatewayKeys);
        require(!bindHost.isBlank(), "bindHost", bindHost, "expected a host name or address");
        require(dtlsPort > 0 && dtlsPort < 65536, "dtlsPort", dtlsPort, "expected 1..65535");
        insecurePort.ifPresent(
                p ->
                        require(
                                p > 0 && p < 65536 && p != dtlsPort,
                                "insecurePort",
                                p,
                                "expected 1..65535, not the DTLS port"));
        gatewayKeys.forEach(
                (gw, key) ->
                        require(
                                key.getBytes(StandardCharsets.UTF_8).length >= MIN_KEY_BYTES,
                                "gatewayKeys[" + gw.value() + "]",
                                "(" + key.length() + " characters)",
                                "expected a key of at least " + MIN_KEY_BYTES + " bytes"));
        require(
                kafkaBootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
                "kafkaBootstrapServers",
                kafkaBootstrapServers,
                "expected host:port[,host:port...]");
        require(
                maxPayloadBytes > 0 && maxPayloadBytes <= MAX_PAYLOAD_LIMIT_BYTES,
                "maxPayloadBytes",
                maxPayloadBytes,
                "expected 1.." + MAX_PAYLOAD_LIMIT_BYTES);
        require(
                kafkaDeliveryTimeout.toMillis() >= 1000,
                "kafkaDeliveryTimeout",
                kafkaDeliveryTimeout,
                "expected at least 1 s");
    }

    /** DTLS only, on 127.0.0.1, with the defaults. */
    public static CoapIngestConfig of(
            int dtlsPort, Map<GatewayId, String> gatewayKeys, String kafkaBootstrapServers) {
        return new CoapIngestConfig(
                "127.0.0.1",
                dtlsPort,
                OptionalInt.empty(),
                gatewayKeys,
                kafkaBootstrapServers,
                DEFAULT_MAX_PAYLOAD_BYTES,
                Duration.ofSeconds(30));
    }

    public CoapIngestConfig withInsecurePort(int port) {
        return new CoapIngestConfig(
                bindHost,
                dtlsPort,
                OptionalInt.of(port),
                gatewayKeys,
                kafkaBootstrapServers,
                maxPayloadBytes,
                kafkaDeliveryTimeout);
    }

    public CoapIngestConfig withMaxPayloadBytes(int max) {
        return new CoapIngestConfig(
                bindHost,
                dtlsPort,
                insecurePort,
                gatewayKeys,
                kafkaBootstrapServers,
                max,
                kafkaDeliveryTimeout);
    }

    public CoapIngestConfig withKafkaDeliveryTimeout(Duration timeout) {
        return new CoapIngestConfig(
                bindHost,
                dtlsPort,
                insecurePort,
                gatewayKeys,
                kafkaBootstrapServers,
                maxPayloadBytes,
                timeout);
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "CoapIngestConfig." + field + " = '" + value + "': " + expected);
        }
    }
}
