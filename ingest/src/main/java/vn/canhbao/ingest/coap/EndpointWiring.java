package vn.canhbao.ingest.coap;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.kafka.KafkaRecordSink;
import vn.canhbao.ingest.kafka.ProducerSettings;
import vn.canhbao.ingest.telemetry.RecordSink;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * How an endpoint server (CoAP, HTTP) reaches Kafka: beside ingest on its pipeline, with a producer
 * of its own, or through a given sink (tests). Builds the {@link DirectIngest} and closes what it
 * owns.
 */
public final class EndpointWiring {
    private final String kafkaBootstrapServers;
    private final IngestMetrics metrics;
    private final Optional<TelemetryPipeline> shared;
    private final RecordSink sink;
    private final KafkaRecordSink ownedSink;

    private EndpointWiring(
            String kafkaBootstrapServers,
            IngestMetrics metrics,
            Optional<TelemetryPipeline> shared,
            RecordSink sink,
            KafkaRecordSink ownedSink) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.metrics = metrics;
        this.shared = shared;
        this.sink = sink;
        this.ownedSink = ownedSink;
    }

    /** A Kafka producer of its own, named {@code clientId}; closed by {@link #close()}. */
    public static EndpointWiring ownProducer(
            String kafkaBootstrapServers, String clientId, Duration deliveryTimeout) {
        KafkaRecordSink owned =
                new KafkaRecordSink(
                        ProducerSettings.producerProperties(
                                kafkaBootstrapServers, clientId, deliveryTimeout));
        return new EndpointWiring(
                kafkaBootstrapServers, new IngestMetrics(), Optional.empty(), owned, owned);
    }

    /** Writes through {@code sink} (shared, or a test double); does not close it. */
    public static EndpointWiring through(String kafkaBootstrapServers, RecordSink sink) {
        return new EndpointWiring(
                kafkaBootstrapServers,
                new IngestMetrics(),
                Optional.empty(),
                Objects.requireNonNull(sink, "sink"),
                null);
    }

    /**
     * The MQTT path's pipeline ({@code IngestService#pipeline()}): the same registry checks, time
     * limits, deduplication by (gateway, seq), pending-sensor reports, producer and metrics.
     */
    public static EndpointWiring shared(TelemetryPipeline pipeline) {
        return new EndpointWiring(null, pipeline.metrics(), Optional.of(pipeline), null, null);
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /**
     * The shared pipeline when beside ingest; otherwise a pipeline of its own, its deduplication
     * restored from Kafka when it owns its producer (a test double sink starts empty).
     */
    public DirectIngest directIngest(int maxPayloadBytes) {
        Clock clock = Clock.systemUTC();
        if (shared.isPresent()) {
            return new DirectIngest(shared.get(), maxPayloadBytes, clock);
        }
        if (ownedSink != null) {
            return DirectIngest.restoredFrom(
                    kafkaBootstrapServers, maxPayloadBytes, sink, metrics, clock);
        }
        return new DirectIngest(maxPayloadBytes, sink, metrics, clock);
    }

    /** Flushes and closes the producer it owns, if any. */
    public void close() {
        if (ownedSink != null) {
            ownedSink.close();
        }
    }
}
