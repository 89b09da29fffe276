package vn.canhbao.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.ingest.kafka.KafkaRecordSink;
import vn.canhbao.ingest.kafka.ProducerSettings;
import vn.canhbao.ingest.mqtt.MqttTelemetrySource;
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

    private final IngestConfig config;
    private final IngestMetrics metrics = new IngestMetrics();
    private final KafkaRecordSink sink;
    private final MqttTelemetrySource source;
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
        TelemetryPipeline pipeline =
                new TelemetryPipeline(
                        new TelemetryHandler(config.maxPayloadBytes(), clock), sink, metrics);
        MqttTelemetrySource created;
        try {
            created = new MqttTelemetrySource(config, pipeline, metrics);
        } catch (RuntimeException e) {
            sink.close(Duration.ZERO);
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
            source.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(
                "Ingest {} started: MQTT {} -> Kafka {}",
                config.clientId(),
                config.mqttUri(),
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
        LOG.info("Ingest {} stopped: {}", config.clientId(), metrics.snapshot());
    }

    /**
     * Readiness: true while connected to the MQTT broker with the telemetry subscription granted.
     * Kafka's state does not show here; Kafka failures show in {@link #metrics()}.
     */
    public boolean isReady() {
        return source.isSubscribed();
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public IngestConfig config() {
        return config;
    }
}
