package vn.canhbao.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import vn.canhbao.ingest.telemetry.ReadingTimeLimits;

/**
 * Validated configuration of one ingest instance. Every check names the field and the bad value.
 *
 * @param mqttUri the broker, {@code tcp://host:port} (or {@code ssl://}, {@code ws://}, {@code
 *     wss://})
 * @param clientId the MQTT client id; it names the persistent session, so keep it stable across
 *     restarts of the same instance and distinct between instances
 * @param shareGroup the MQTT 5 shared-subscription group; instances in one group split the load
 *     (default {@value #DEFAULT_SHARE_GROUP})
 * @param kafkaBootstrapServers Kafka bootstrap list, {@code host:port[,host:port…]}
 * @param maxPayloadBytes largest telemetry message accepted; larger ones are dead-lettered (default
 *     {@value #DEFAULT_MAX_PAYLOAD_BYTES}, at most {@value #MAX_PAYLOAD_LIMIT_BYTES} so a dead
 *     letter always fits in one Kafka record)
 * @param sessionExpiry how long the broker keeps this client's session, and the messages it has not
 *     acknowledged, while the client is away (default 1 hour)
 * @param kafkaDeliveryTimeout how long Kafka may take to acknowledge a record before the write
 *     counts as failed and the MQTT message is left unacknowledged for redelivery (default 30 s)
 * @param requireRegisteredSensors when true, readings of sensors not in {@code cb.site-config.v1}
 *     are refused (dead letter + pending report) and known ones are enriched; when false (default,
 *     ingest without a registry) every sensor is let in without enrichment
 * @param timeLimits how far a reading's time may be ahead of or behind ingest's clock (default 5
 *     min ahead, 30 days behind)
 * @param dedupRestoreHorizon how much of the tail of {@code cb.telemetry.v1} (by record time) is
 *     read at start to rebuild the deduplication state (default 24 h)
 * @param metricsPort the port of the Prometheus endpoint {@code /metrics}; empty = no endpoint
 *     (default), 0 = a free port
 */
public record IngestConfig(
        String mqttUri,
        String clientId,
        String shareGroup,
        String kafkaBootstrapServers,
        int maxPayloadBytes,
        Duration sessionExpiry,
        Duration kafkaDeliveryTimeout,
        boolean requireRegisteredSensors,
        ReadingTimeLimits timeLimits,
        Duration dedupRestoreHorizon,
        OptionalInt metricsPort) {

    public static final String DEFAULT_SHARE_GROUP = "ingest";
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final int MAX_PAYLOAD_LIMIT_BYTES = 768 * 1024;
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
    public static final Duration DEFAULT_KAFKA_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEDUP_RESTORE_HORIZON = Duration.ofHours(24);

    /** MQTT 5 client identifiers: keep to what every broker accepts. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** MQTT share names must not contain '/', '+' or '#'. */
    private static final Pattern SHARE_GROUP = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public IngestConfig {
        Objects.requireNonNull(mqttUri, "mqttUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(shareGroup, "shareGroup");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        Objects.requireNonNull(kafkaDeliveryTimeout, "kafkaDeliveryTimeout");
        Objects.requireNonNull(timeLimits, "timeLimits");
        Objects.requireNonNull(dedupRestoreHorizon, "dedupRestoreHorizon");
        Objects.requireNonNull(metricsPort, "metricsPort");
        require(
                !dedupRestoreHorizon.isNegative(),
                "dedupRestoreHorizon",
                dedupRestoreHorizon,
                "expected zero or more");
        require(
                metricsPort.isEmpty()
                        || (metricsPort.getAsInt() >= 0 && metricsPort.getAsInt() <= 65535),
                "metricsPort",
                metricsPort,
                "expected 0..65535");
        checkMqttUri(mqttUri);
        require(
                CLIENT_ID.matcher(clientId).matches(),
                "clientId",
                clientId,
                "expected 1-64 of [A-Za-z0-9._-]");
        require(
                SHARE_GROUP.matcher(shareGroup).matches(),
                "shareGroup",
                shareGroup,
                "expected 1-63 lower-case letters, digits or '-'");
        require(
                !kafkaBootstrapServers.isBlank()
                        && kafkaBootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
                "kafkaBootstrapServers",
                kafkaBootstrapServers,
                "expected host:port[,host:port...]");
        require(
                maxPayloadBytes > 0 && maxPayloadBytes <= MAX_PAYLOAD_LIMIT_BYTES,
                "maxPayloadBytes",
                maxPayloadBytes,
                "expected 1.." + MAX_PAYLOAD_LIMIT_BYTES);
        require(
                sessionExpiry.toSeconds() >= 1 && sessionExpiry.toSeconds() <= 0xFFFF_FFFEL,
                "sessionExpiry",
                sessionExpiry,
                "expected 1 s to about 136 years (MQTT 5 session expiry interval)");
        require(
                kafkaDeliveryTimeout.toMillis() >= 1_000
                        && kafkaDeliveryTimeout.toMillis() <= Integer.MAX_VALUE,
                "kafkaDeliveryTimeout",
                kafkaDeliveryTimeout,
                "expected at least 1 s");
    }

    /** A configuration with the defaults for everything but the two addresses and the client id. */
    public static IngestConfig of(String mqttUri, String clientId, String kafkaBootstrapServers) {
        return new IngestConfig(
                mqttUri,
                clientId,
                DEFAULT_SHARE_GROUP,
                kafkaBootstrapServers,
                DEFAULT_MAX_PAYLOAD_BYTES,
                DEFAULT_SESSION_EXPIRY,
                DEFAULT_KAFKA_DELIVERY_TIMEOUT,
                false,
                ReadingTimeLimits.DEFAULT,
                DEFAULT_DEDUP_RESTORE_HORIZON,
                OptionalInt.empty());
    }

    public IngestConfig withShareGroup(String group) {
        return new IngestConfig(
                mqttUri,
                clientId,
                group,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                timeLimits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withMaxPayloadBytes(int bytes) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                bytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                timeLimits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withSessionExpiry(Duration expiry) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                expiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                timeLimits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withKafkaDeliveryTimeout(Duration timeout) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                timeout,
                requireRegisteredSensors,
                timeLimits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withRequireRegisteredSensors(boolean require) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                require,
                timeLimits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withTimeLimits(ReadingTimeLimits limits) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                limits,
                dedupRestoreHorizon,
                metricsPort);
    }

    public IngestConfig withDedupRestoreHorizon(Duration horizon) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                timeLimits,
                horizon,
                metricsPort);
    }

    public IngestConfig withMetricsPort(int port) {
        return new IngestConfig(
                mqttUri,
                clientId,
                shareGroup,
                kafkaBootstrapServers,
                maxPayloadBytes,
                sessionExpiry,
                kafkaDeliveryTimeout,
                requireRegisteredSensors,
                timeLimits,
                dedupRestoreHorizon,
                OptionalInt.of(port));
    }

    private static void checkMqttUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mqttUri: not a URI (got \"" + uri + "\")", e);
        }
        String scheme = parsed.getScheme();
        require(
                scheme != null
                        && (scheme.equals("tcp")
                                || scheme.equals("ssl")
                                || scheme.equals("ws")
                                || scheme.equals("wss")),
                "mqttUri",
                uri,
                "expected tcp://, ssl://, ws:// or wss://");
        require(
                parsed.getHost() != null && parsed.getPort() > 0,
                "mqttUri",
                uri,
                "expected a host and a port");
    }

    private static void require(boolean ok, String field, Object value, String expectation) {
        if (!ok) {
            throw new IllegalArgumentException(
                    field + ": " + expectation + " (got \"" + value + "\")");
        }
    }
}
