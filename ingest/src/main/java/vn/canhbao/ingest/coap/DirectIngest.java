package vn.canhbao.ingest.coap;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.dedup.Deduplicator;
import vn.canhbao.ingest.dedup.TelemetryTailRestorer;
import vn.canhbao.ingest.registry.SensorDirectory;
import vn.canhbao.ingest.telemetry.KafkaWrite;
import vn.canhbao.ingest.telemetry.Outcome;
import vn.canhbao.ingest.telemetry.ReadingTimeLimits;
import vn.canhbao.ingest.telemetry.RecordSink;
import vn.canhbao.ingest.telemetry.TelemetryHandler;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * The shared step of the endpoints where the transport authenticates the gateway (CoAP over DTLS
 * with a PSK identity, HTTP with a bearer token): validate one SenML pack with the same {@link
 * TelemetryHandler} as MQTT, write what it becomes to Kafka, and complete the returned future only
 * after Kafka acknowledged every record (or the dead letter).
 *
 * <p>The gateway is always the authenticated one; every reading in the pack must name it. Dead
 * letters carry the bytes as received (e.g. CBOR, cut to the payload limit) and {@code cb-source}
 * names the endpoint, e.g. {@code coaps:/telemetry}. Thread-safe.
 */
public final class DirectIngest {
    private static final Logger LOG = LoggerFactory.getLogger(DirectIngest.class);

    /** Dead-letter header (this endpoint's own): the content type the pack came in. */
    public static final String DLQ_CONTENT_TYPE = "cb-content-type";

    private final TelemetryPipeline pipeline;
    private final IngestMetrics metrics;
    private final int maxPayloadBytes;
    private final Clock clock;

    /**
     * Through {@code pipeline}: the same validation (registry, time limits), the same deduplication
     * by (gateway, seq) and the same pending-sensor reports as the MQTT path whose pipeline it is
     * (see {@code IngestService#pipeline()}).
     */
    public DirectIngest(TelemetryPipeline pipeline, int maxPayloadBytes, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.metrics = pipeline.metrics();
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A pipeline of its own: no registry, no time limits, an in-memory deduplicator that starts
     * empty (tests; a standalone endpoint uses {@link #restoredFrom}).
     */
    public DirectIngest(int maxPayloadBytes, RecordSink sink, IngestMetrics metrics, Clock clock) {
        this(
                standalonePipeline(maxPayloadBytes, sink, metrics, clock, new Deduplicator()),
                maxPayloadBytes,
                clock);
    }

    /**
     * A standalone endpoint's pipeline (no registry, no time limits) whose deduplicator is first
     * restored from the tail of {@code cb.telemetry.v1}, like ingest's at start: a backlog uploaded
     * again after a restart is not written twice.
     *
     * @throws vn.canhbao.ingest.IngestException when Kafka cannot be read in time
     */
    public static DirectIngest restoredFrom(
            String kafkaBootstrapServers,
            int maxPayloadBytes,
            RecordSink sink,
            IngestMetrics metrics,
            Clock clock) {
        Deduplicator dedup = new Deduplicator();
        TelemetryTailRestorer.restore(
                kafkaBootstrapServers, Duration.ofHours(24), Duration.ofSeconds(60), clock, dedup);
        return new DirectIngest(
                standalonePipeline(maxPayloadBytes, sink, metrics, clock, dedup),
                maxPayloadBytes,
                clock);
    }

    private static TelemetryPipeline standalonePipeline(
            int maxPayloadBytes,
            RecordSink sink,
            IngestMetrics metrics,
            Clock clock,
            Deduplicator dedup) {
        return new TelemetryPipeline(
                new TelemetryHandler(
                        maxPayloadBytes, clock, SensorDirectory.OPEN, ReadingTimeLimits.NONE),
                sink,
                metrics,
                dedup,
                Optional.empty());
    }

    /** What became of one pack, once Kafka acknowledged it. */
    public sealed interface Result {
        /** All {@code readings} are on {@code cb.telemetry.v1}. */
        /**
         * @param readings the pack's valid readings
         * @param written those of them new to Kafka (the rest were there already: a resend)
         */
        record Accepted(int readings, int written) implements Result {}

        /** The pack broke the contract; its dead letter is on {@code cb.telemetry.dlq.v1}. */
        record Rejected(ContractViolation violation, boolean oversize) implements Result {}
    }

    /**
     * @param gateway the authenticated gateway
     * @param source the endpoint, for the dead letter's {@code cb-source}
     * @param contentType the representation, for the dead letter
     * @param original the bytes as received
     * @param toSenmlJson turns {@code original} into a SenML JSON pack (identity for JSON); may
     *     throw {@link ContractViolation}
     * @return completes after Kafka acknowledged; completes exceptionally when a Kafka write
     *     failed, then nothing may be acknowledged to the client and it must send again
     */
    public CompletableFuture<Result> submit(
            GatewayId gateway,
            String source,
            String contentType,
            byte[] original,
            UnaryOperator<byte[]> toSenmlJson) {
        metrics.messageReceived();
        Outcome outcome;
        if (original.length > maxPayloadBytes) {
            outcome =
                    reject(
                            new ContractViolation(
                                    "payload",
                                    original.length + " bytes",
                                    "larger than the limit of " + maxPayloadBytes + " bytes"),
                            gateway,
                            source,
                            contentType,
                            original);
        } else {
            try {
                outcome =
                        pipeline.handler()
                                .handle(MqttTopics.telemetry(gateway), toSenmlJson.apply(original));
                if (outcome instanceof Outcome.Rejected r) {
                    outcome = reject(r.violation(), gateway, source, contentType, original);
                }
            } catch (ContractViolation v) {
                outcome = reject(v, gateway, source, contentType, original);
            } catch (RuntimeException e) {
                LOG.error(
                        "Unexpected error decoding telemetry from {}; dead-lettering it",
                        source,
                        e);
                outcome =
                        reject(
                                new ContractViolation(
                                        "payload",
                                        original.length + " bytes",
                                        "could not be decoded: " + e),
                                gateway,
                                source,
                                contentType,
                                original);
            }
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            LOG.warn(
                    "Rejected telemetry from {} ({}): {}",
                    gateway,
                    source,
                    rejected.violation().getMessage());
        }
        Outcome done = outcome;
        return pipeline.write(done, source)
                .thenApply(
                        readings -> {
                            if (done instanceof Outcome.Rejected r) {
                                return new Result.Rejected(
                                        r.violation(), original.length > maxPayloadBytes);
                            }
                            return (Result)
                                    new Result.Accepted(
                                            ((Outcome.Accepted) done).readings().size(), readings);
                        });
    }

    private Outcome.Rejected reject(
            ContractViolation v,
            GatewayId gateway,
            String source,
            String contentType,
            byte[] original) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KafkaTopics.DLQ_REASON, v.getMessage());
        headers.put(KafkaTopics.DLQ_FIELD, v.field());
        headers.put(KafkaTopics.DLQ_SOURCE, source);
        headers.put(KafkaTopics.DLQ_REJECTED_AT, clock.instant().toString());
        headers.put(DLQ_CONTENT_TYPE, contentType);
        byte[] value = original;
        if (original.length > maxPayloadBytes) {
            value = Arrays.copyOf(original, maxPayloadBytes);
            headers.put(TelemetryHandler.DLQ_ORIGINAL_BYTES, Integer.toString(original.length));
        }
        return new Outcome.Rejected(
                v,
                fieldGroup(v.field()),
                new KafkaWrite(KafkaTopics.TELEMETRY_DLQ, gateway.value(), value, headers));
    }

    /** As MQTT counts them: {@code [3].v} becomes {@code v}. */
    static String fieldGroup(String field) {
        String f = field.replaceFirst("^\\[\\d+]\\.?", "");
        return f.isEmpty() ? "record" : f;
    }
}
