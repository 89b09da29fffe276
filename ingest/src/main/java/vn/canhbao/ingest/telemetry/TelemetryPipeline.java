package vn.canhbao.ingest.telemetry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.ingest.IngestMetrics;

/**
 * Validates one message, writes what it becomes, and reports to its {@link Acknowledgement} exactly
 * once: {@code written()} only after the sink acknowledged every record (telemetry records, or the
 * dead letter), otherwise {@code failed()}. This is what makes ingest at-least-once: the protocol
 * adapter acknowledges upstream only on {@code written()}.
 *
 * <p>A bad message becomes a dead letter and is acknowledged like a good one, so it never blocks
 * the messages behind it. Thread-safe; callbacks run on the sink's completion threads.
 */
public final class TelemetryPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPipeline.class);

    private final TelemetryHandler handler;
    private final RecordSink sink;
    private final IngestMetrics metrics;

    public TelemetryPipeline(TelemetryHandler handler, RecordSink sink, IngestMetrics metrics) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public void process(String topic, byte[] payload, Acknowledgement ack) {
        metrics.messageReceived();
        Outcome outcome = handler.handle(topic, payload);
        if (outcome instanceof Outcome.Rejected rejected) {
            metrics.messageRejected(rejected.fieldGroup());
            LOG.warn("Rejected telemetry on {}: {}", topic, rejected.violation().getMessage());
        }
        List<KafkaWrite> writes = outcome.writes();
        CompletableFuture<?>[] futures = new CompletableFuture<?>[writes.size()];
        for (int i = 0; i < futures.length; i++) {
            futures[i] = sink.write(writes.get(i));
        }
        CompletableFuture.allOf(futures)
                .whenComplete(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.kafkaFailure();
                                ack.failed(error);
                                return;
                            }
                            if (outcome instanceof Outcome.Rejected) {
                                metrics.deadLetterWritten();
                            } else {
                                metrics.readingsAccepted(writes.size());
                            }
                            ack.written();
                        });
    }
}
