package vn.canhbao.ingest.coap;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.telemetry.KafkaWrite;
import vn.canhbao.ingest.telemetry.Outcome;
import vn.canhbao.ingest.telemetry.RecordSink;
import vn.canhbao.ingest.telemetry.TelemetryHandler;

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

    private final TelemetryHandler handler;
    private final RecordSink sink;
    private final IngestMetrics metrics;
    private final int maxPayloadBytes;
    private final Clock clock;

    public DirectIngest(int maxPayloadBytes, RecordSink sink, IngestMetrics metrics, Clock clock) {
        this.handler = new TelemetryHandler(maxPayloadBytes, clock);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = clock;
    }

    /** What became of one pack, once Kafka acknowledged it. */
    public sealed interface Result {
        /** All {@code readings} are on {@code cb.telemetry.v1}. */
        record Accepted(int readings) implements Result {}

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
                        handler.handle(MqttTopics.telemetry(gateway), toSenmlJson.apply(original));
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
            metrics.messageRejected(rejected.fieldGroup());
            LOG.warn(
                    "Rejected telemetry from {} ({}): {}",
                    gateway,
                    source,
                    rejected.violation().getMessage());
        }
        Outcome done = outcome;
        List<KafkaWrite> writes = done.writes();
        CompletableFuture<?>[] futures = new CompletableFuture<?>[writes.size()];
        for (int i = 0; i < futures.length; i++) {
            futures[i] = sink.write(writes.get(i));
        }
        return CompletableFuture.allOf(futures)
                .handle(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.kafkaFailure();
                                throw new java.util.concurrent.CompletionException(error);
                            }
                            if (done instanceof Outcome.Rejected r) {
                                metrics.deadLetterWritten();
                                return new Result.Rejected(
                                        r.violation(), original.length > maxPayloadBytes);
                            }
                            int readings = ((Outcome.Accepted) done).readings().size();
                            metrics.readingsAccepted(readings);
                            return new Result.Accepted(readings);
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
