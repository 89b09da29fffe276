package vn.canhbao.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.ingest.dedup.Deduplicator;
import vn.canhbao.ingest.dedup.TelemetryTailRestorer;
import vn.canhbao.ingest.kafka.KafkaRecordSink;
import vn.canhbao.ingest.kafka.ProducerSettings;
import vn.canhbao.ingest.metrics.PrometheusEndpoint;
import vn.canhbao.ingest.mqtt.MqttTelemetrySource;
import vn.canhbao.ingest.registry.PendingSensorReporter;
import vn.canhbao.ingest.registry.SensorDirectory;
import vn.canhbao.ingest.registry.SiteConfigCache;
import vn.canhbao.ingest.registry.SiteConfigFollower;
import vn.canhbao.ingest.telemetry.TelemetryHandler;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * One ingest instance: MQTT telemetry in, validated readings to {@code cb.telemetry.v1} and
 * rejected messages to {@code cb.telemetry.dlq.v1}, at least once (see {@link
 * MqttTelemetrySource}).
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()}. Not restartable. {@link #metrics()}
 * is safe from any thread.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /** The most the deduplication restore and the registry load may take at start. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final IngestConfig config;
    private final IngestMetrics metrics = new IngestMetrics();
    private final KafkaRecordSink sink;
    private final MqttTelemetrySource source;
    private final Clock clock;
    private final Deduplicator dedup = new Deduplicator();
    private final TelemetryPipeline pipeline;
    private final Optional<SiteConfigFollower> registry;
    private final Optional<PendingSensorReporter> pending;
    private Optional<PrometheusEndpoint> endpoint = Optional.empty();
    private boolean started;
    private boolean closed;

    public IngestService(IngestConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * Creates the Kafka producer and the MQTT client; connects nothing yet.
     *
     * @param clock gives {@code receivedAt} and {@code cb-rejected-at}
     * @throws IngestException when the Kafka producer or the MQTT client cannot be created (for
     *     example a bootstrap host that does not resolve)
     */
    public IngestService(IngestConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.sink =
                    new KafkaRecordSink(
                            ProducerSettings.producerProperties(
                                    config.kafkaBootstrapServers(),
                                    "ingest-" + config.clientId(),
                                    config.kafkaDeliveryTimeout()));
        } catch (KafkaException e) {
            throw new IngestException(
                    "Cannot create the Kafka producer for kafkaBootstrapServers "
                            + config.kafkaBootstrapServers()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        this.clock = clock;
        SensorDirectory directory = SensorDirectory.OPEN;
        if (config.requireRegisteredSensors()) {
            SiteConfigCache cache = new SiteConfigCache();
            directory = cache;
            this.registry =
                    Optional.of(
                            new SiteConfigFollower(
                                    config.kafkaBootstrapServers(), config.clientId(), cache));
            this.pending =
                    Optional.of(
                            new PendingSensorReporter(
                                    sink, clock, PendingSensorReporter.DEFAULT_INTERVAL));
        } else {
            this.registry = Optional.empty();
            this.pending = Optional.empty();
        }
        this.pipeline =
                new TelemetryPipeline(
                        new TelemetryHandler(
                                config.maxPayloadBytes(), clock, directory, config.timeLimits()),
                        sink,
                        metrics,
                        dedup,
                        pending);
        MqttTelemetrySource created;
        try {
            created = new MqttTelemetrySource(config, pipeline, metrics);
        } catch (RuntimeException e) {
            sink.close(Duration.ZERO);
            registry.ifPresent(SiteConfigFollower::close);
            throw e;
        }
        this.source = created;
    }

    /**
     * Connects to the broker and subscribes; returns once messages flow. Kafka need not be up yet:
     * messages then wait, unacknowledged, until it is.
     *
     * @throws IngestException when the MQTT broker cannot be reached or refuses the subscription;
     *     the service is then closed
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(
                    "IngestService can be started once; started=" + started + ", closed=" + closed);
        }
        started = true;
        try {
            if (config.metricsPort().isPresent()) {
                endpoint =
                        Optional.of(
                                new PrometheusEndpoint(
                                        config.metricsPort().getAsInt(), metrics, gauges()));
            }
            TelemetryTailRestorer.restore(
                    config.kafkaBootstrapServers(),
                    config.dedupRestoreHorizon(),
                    RESTORE_TIMEOUT,
                    clock,
                    dedup);
            registry.ifPresent(r -> r.start(RESTORE_TIMEOUT));
            warmUp(KafkaTopics.TELEMETRY);
            warmUp(KafkaTopics.TELEMETRY_DLQ);
            if (pending.isPresent()) {
                warmUp(KafkaTopics.SENSOR_PENDING);
            }
            source.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(
                "Ingest {} started: MQTT {} ({} connections: {}) -> Kafka {}",
                config.clientId(),
                config.mqttUri(),
                config.mqttConnections(),
                source.clientIds(),
                config.kafkaBootstrapServers());
    }

    /**
     * Stops taking messages, waits for Kafka to acknowledge what was sent (at most the delivery
     * timeout), acknowledges those messages to the broker, disconnects cleanly and stops every
     * thread. Messages not yet acknowledged stay in the broker session for the next start.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.stopIntake();
        sink.flush();
        source.close();
        sink.close(Duration.ofSeconds(5));
        registry.ifPresent(SiteConfigFollower::close);
        endpoint.ifPresent(PrometheusEndpoint::close);
        LOG.info("Ingest {} stopped: {}", config.clientId(), metrics.snapshot());
    }

    private void warmUp(String topic) {
        try {
            sink.warmUp(topic);
        } catch (KafkaException e) {
            LOG.warn(
                    "No metadata for Kafka topic {} at start ({}); its first write may wait for it",
                    topic,
                    e.toString());
        }
    }

    /**
     * Readiness: true while every MQTT connection is connected to the broker with the telemetry
     * subscription granted ({@link #subscribedMqttConnections()} counts them). Kafka's state does
     * not show here; Kafka failures show in {@link #metrics()}.
     */
    public boolean isReady() {
        return source.isSubscribed();
    }

    /** How many of the {@link IngestConfig#mqttConnections()} connections are subscribed now. */
    public int subscribedMqttConnections() {
        return source.subscribedConnections();
    }

    /** The port of the Prometheus endpoint, when configured and started. */
    public OptionalInt metricsPort() {
        return endpoint.map(e -> OptionalInt.of(e.port())).orElse(OptionalInt.empty());
    }

    private Map<String, PrometheusEndpoint.Gauge> gauges() {
        Map<String, PrometheusEndpoint.Gauge> g = new LinkedHashMap<>();
        g.put(
                "ready",
                new PrometheusEndpoint.Gauge(
                        "1 while every MQTT connection is subscribed to the telemetry",
                        () -> isReady() ? 1 : 0));
        g.put(
                "mqtt_connections_subscribed",
                new PrometheusEndpoint.Gauge(
                        "MQTT connections connected with the telemetry subscription granted (of "
                                + config.mqttConnections()
                                + ")",
                        source::subscribedConnections));
        g.put(
                "dedup_in_flight_readings",
                new PrometheusEndpoint.Gauge(
                        "Readings being written to Kafka (deduplication claims)", dedup::inFlight));
        g.put(
                "dedup_gateways",
                new PrometheusEndpoint.Gauge(
                        "Gateways with a deduplication window", dedup::gateways));
        registry.ifPresent(
                r ->
                        g.put(
                                "site_config_consumer_lag",
                                new PrometheusEndpoint.Gauge(
                                        "Records of cb.site-config.v1 not yet applied to the sensor cache",
                                        r::lag)));
        pending.ifPresent(
                p ->
                        g.put(
                                "pending_sensor_reports",
                                new PrometheusEndpoint.Gauge(
                                        "Pending-sensor reports sent to cb.sensor-pending.v1 (a counter)",
                                        p::reports)));
        return g;
    }

    /**
     * The validation, deduplication and Kafka write this service uses, for the CoAP and HTTP
     * endpoints running beside it ({@code new CoapIngestServer(config, service.pipeline())}).
     */
    public TelemetryPipeline pipeline() {
        return pipeline;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public IngestConfig config() {
        return config;
    }
}
