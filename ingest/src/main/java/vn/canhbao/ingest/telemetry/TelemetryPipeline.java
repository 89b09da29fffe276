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

    public void process(String topic, byte[] payload, Acknowledgement ack) {
        metrics.messageReceived();
        Outcome outcome = handler.handle(topic, payload);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        int[] written = {0};
        boolean deadLetter;
        if (outcome instanceof Outcome.Rejected rejected) {
            metrics.messageRejected(rejected.fieldGroup());
            LOG.warn("Rejected telemetry on {}: {}", topic, rejected.violation().getMessage());
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
                                        topic,
                                        dl.headers()
                                                .get(vn.canhbao.contracts.KafkaTopics.DLQ_REASON));
                                futures.add(sink.write(dl));
                            });
            deadLetter = accepted.deadLetter().isPresent();
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
            if (!fresh.isEmpty()) {
                // One record for every new reading of the message; the claims settle together.
                written[0] = fresh.size();
                futures.add(pack);
                CompletableFuture<Void> write;
                try {
                    write = sink.write(accepted.telemetryWrite(fresh));
                } catch (RuntimeException e) {
                    write = CompletableFuture.failedFuture(e);
                }
                write.whenComplete(
                        (ok, e) -> {
                            for (Reading r : fresh) {
                                if (e == null) {
                                    dedup.committed(gw, r.seq());
                                } else {
                                    dedup.released(gw, r.seq());
                                }
                            }
                            if (e == null) {
                                pack.complete(null);
                            } else {
                                pack.completeExceptionally(e);
                            }
                        });
            }
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .whenComplete(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.kafkaFailure();
                                ack.failed(error);
                                return;
                            }
                            if (deadLetter) {
                                metrics.deadLetterWritten();
                            }
                            metrics.readingsAccepted(written[0]);
                            ack.written();
                        });
    }
}
