package vn.canhbao.ingest.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Reading;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.dedup.Deduplicator;
import vn.canhbao.ingest.registry.PendingSensorReporter;

/**
 * Validates one message, drops readings already in Kafka, writes what remains, and reports to its
 * {@link Acknowledgement} exactly once: {@code written()} only after the sink acknowledged every
 * record (telemetry records, the dead letter) and every earlier in-flight copy of a duplicate
 * reading, otherwise {@code failed()}. This is what makes ingest at-least-once into Kafka and, with
 * the {@link Deduplicator}, free of duplicate {@code (gateway, seq)}: the protocol adapter
 * acknowledges upstream only on {@code written()}.
 *
 * <p>A bad message becomes a dead letter and is acknowledged like a good one, so it never blocks
 * the messages behind it. Readings of unknown sensors are also reported as pending (best effort).
 * Call {@link #process} from one thread at a time per source to keep per-sensor order; callbacks
 * run on the sink's completion threads.
 */
public final class TelemetryPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPipeline.class);

    private final TelemetryHandler handler;
    private final RecordSink sink;
    private final IngestMetrics metrics;
    private final Deduplicator dedup;
    private final Optional<PendingSensorReporter> pending;

    /** A pipeline with an in-memory deduplicator and no pending-sensor reports (tests). */
    public TelemetryPipeline(TelemetryHandler handler, RecordSink sink, IngestMetrics metrics) {
        this(handler, sink, metrics, new Deduplicator(), Optional.empty());
    }

    public TelemetryPipeline(
            TelemetryHandler handler,
            RecordSink sink,
            IngestMetrics metrics,
            Deduplicator dedup,
            Optional<PendingSensorReporter> pending) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.dedup = Objects.requireNonNull(dedup, "dedup");
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    /** The validation step, shared with the CoAP and HTTP endpoints. */
    public TelemetryHandler handler() {
        return handler;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public void process(String topic, byte[] payload, Acknowledgement ack) {
        metrics.messageReceived();
        Outcome outcome = handler.handle(topic, payload);
        if (outcome instanceof Outcome.Rejected rejected) {
            LOG.warn("Rejected telemetry on {}: {}", topic, rejected.violation().getMessage());
        }
        write(outcome, topic)
                .whenComplete(
                        (written, error) -> {
                            if (error != null) {
                                ack.failed(error);
                            } else {
                                ack.written();
                            }
                        });
    }

    /**
     * Writes what one message became: its dead letter, or the readings of an accepted message that
     * are not yet in Kafka (one pack), with the dead letter of its refused readings, and reports
     * unknown sensors as pending. Counts everything in the metrics.
     *
     * @param source where the message came from, for logs
     * @return completes with the number of readings written, after Kafka acknowledged every record
     *     and every earlier in-flight copy of a duplicate reading; exceptionally when a write
     *     failed (then nothing may be acknowledged upstream, and the claims are released)
     */
    public CompletableFuture<Integer> write(Outcome outcome, String source) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        int[] written = {0};
        boolean deadLetter;
        if (outcome instanceof Outcome.Rejected rejected) {
            metrics.messageRejected(rejected.fieldGroup());
            futures.add(sink.write(rejected.deadLetter()));
            deadLetter = true;
        } else {
            Outcome.Accepted accepted = (Outcome.Accepted) outcome;
            for (RejectedReading r : accepted.rejectedReadings()) {
                metrics.readingRejected(r.reason());
                if (r.reason().equals(RejectedReading.UNKNOWN_SENSOR)) {
                    Reading reading = r.reading();
                    pending.ifPresent(
                            p ->
                                    p.unknown(
                                            reading.gateway(),
                                            reading.sensor(),
                                            reading.quantity()));
                }
            }
            accepted.deadLetter()
                    .ifPresent(
                            dl -> {
                                LOG.warn(
                                        "Refused {} readings on {}: {}",
                                        accepted.rejectedReadings().size(),
                                        source,
                                        dl.headers()
                                                .get(vn.canhbao.contracts.KafkaTopics.DLQ_REASON));
                                futures.add(sink.write(dl));
                            });
            deadLetter = accepted.deadLetter().isPresent();
            written[0] = writeFresh(accepted, futures);
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .handle(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.kafkaFailure();
                                throw error instanceof java.util.concurrent.CompletionException c
                                        ? c
                                        : new java.util.concurrent.CompletionException(error);
                            }
                            if (deadLetter) {
                                metrics.deadLetterWritten();
                            }
                            metrics.readingsAccepted(written[0]);
                            return written[0];
                        });
    }

    /**
     * Claims every reading of {@code accepted}, writes the new ones as one pack and adds to {@code
     * futures} what must complete before the message may be acknowledged.
     *
     * @return the number of readings written
     */
    private int writeFresh(Outcome.Accepted accepted, List<CompletableFuture<Void>> futures) {
        GatewayId gw = accepted.gateway();
        List<Reading> fresh = new ArrayList<>(accepted.readings().size());
        // One future for the pack: later copies of any of its readings wait for it.
        CompletableFuture<Void> pack = new CompletableFuture<>();
        for (Reading reading : accepted.readings()) {
            long seq = reading.seq();
            Deduplicator.Claim claim = dedup.claim(gw, seq, pack);
            switch (claim.kind()) {
                case NEW -> fresh.add(reading);
                case DUPLICATE -> metrics.duplicateDropped();
                case BEYOND_WINDOW -> {
                    metrics.beyondWindowDropped();
                    LOG.warn(
                            "Dropped {} seq {}: below the deduplication window of the gateway",
                            gw.value(),
                            seq);
                }
                case IN_FLIGHT -> {
                    metrics.duplicateDropped();
                    futures.add(claim.firstCopy());
                }
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        futures.add(pack);
        CompletableFuture<Void> write;
        try {
            write = sink.write(accepted.telemetryWrite(fresh));
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete(
                (ok, e) -> {
                    if (e == null) {
                        dedup.committed(gw, fresh);
                        pack.complete(null);
                    } else {
                        dedup.released(gw, fresh);
                        pack.completeExceptionally(e);
                    }
                });
        return fresh.size();
    }
}
