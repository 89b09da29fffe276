package vn.canhbao.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *     restarts of the same instance and distinct between instances. With several MQTT connections
 *     it is the first connection's id and the others' prefix (see {@link #mqttClientIds()})
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
 * @param mqttConnections how many subscriber connections this instance opens on the shared
 *     subscription, each with its own client id, session and Paho receive thread (default {@value
 *     #DEFAULT_MQTT_CONNECTIONS}, 1..{@value #MAX_MQTT_CONNECTIONS})
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
        OptionalInt metricsPort,
        int mqttConnections) {

    public static final String DEFAULT_SHARE_GROUP = "ingest";
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final int MAX_PAYLOAD_LIMIT_BYTES = 768 * 1024;
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
    public static final Duration DEFAULT_KAFKA_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEDUP_RESTORE_HORIZON = Duration.ofHours(24);

    /**
     * One connection: the broker spreads a shared subscription's messages over its connections, so
     * with more than one a gateway's messages can reach Kafka out of order, and the keying
     * rule is that order per sensor holds. More connections (more Paho receive threads) are an
     * opt-in trade of that order for throughput, like more instances.
     */
    public static final int DEFAULT_MQTT_CONNECTIONS = 1;

    /** Each connection adds a Paho client (3 threads) and up to its Receive Maximum in flight. */
    public static final int MAX_MQTT_CONNECTIONS = 16;

    private static final int MAX_CLIENT_ID_CHARS = 64;

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
                mqttConnections >= 1 && mqttConnections <= MAX_MQTT_CONNECTIONS,
                "mqttConnections",
                mqttConnections,
                "expected 1.." + MAX_MQTT_CONNECTIONS);
        require(
                clientId.length() + connectionSuffix(mqttConnections - 1).length()
                        <= MAX_CLIENT_ID_CHARS,
                "clientId",
                clientId,
                "expected at most "
                        + (MAX_CLIENT_ID_CHARS - connectionSuffix(mqttConnections - 1).length())
                        + " characters, so that the id of connection "
                        + (mqttConnections - 1)
                        + " fits in "
                        + MAX_CLIENT_ID_CHARS);
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
                OptionalInt.empty(),
                DEFAULT_MQTT_CONNECTIONS);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                metricsPort,
                mqttConnections);
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
                OptionalInt.of(port),
                mqttConnections);
    }

    public IngestConfig withMqttConnections(int connections) {
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
                metricsPort,
                connections);
    }

    /**
     * The MQTT client id of each of the {@link #mqttConnections()} connections: {@code clientId}
     * for connection 0 (so an instance that had one connection keeps its session), {@code
     * clientId.1}, {@code clientId.2}, … for the others. The same on every start, so each
     * connection resumes its own persistent session. Another instance's {@code clientId} must not
     * be one of these.
     */
    public List<String> mqttClientIds() {
        List<String> ids = new ArrayList<>(mqttConnections);
        for (int i = 0; i < mqttConnections; i++) {
            ids.add(clientId + connectionSuffix(i));
        }
        return List.copyOf(ids);
    }

    private static String connectionSuffix(int index) {
        return index == 0 ? "" : "." + index;
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
