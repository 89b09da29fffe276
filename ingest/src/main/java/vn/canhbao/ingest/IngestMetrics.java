package vn.canhbao.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one ingest instance. Thread-safe; read them with {@link #snapshot()}; exported by
 * {@link vn.canhbao.ingest.metrics.PrometheusEndpoint}.
 */
public final class IngestMetrics {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acceptedReadings = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Map<String, AtomicLong> rejectedByField = new ConcurrentHashMap<>();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong kafkaFailures = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong redeliveryRequests = new AtomicLong();
    private final Map<String, AtomicLong> rejectedReadingsByReason = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong beyondWindow = new AtomicLong();

    /**
     * A well-formed reading was refused on its own (its message went to the dead-letter topic).
     *
     * @param reason e.g. {@code unknown_sensor}, {@code time_future}, {@code time_past}
     */
    public void readingRejected(String reason) {
        rejectedReadingsByReason.computeIfAbsent(reason, f -> new AtomicLong()).incrementAndGet();
    }

    /** A reading already in Kafka (or being written) was dropped. */
    public void duplicateDropped() {
        duplicates.incrementAndGet();
    }

    /** A reading below its gateway's deduplication window was dropped. */
    public void beyondWindowDropped() {
        beyondWindow.incrementAndGet();
    }

    /** An MQTT message reached the pipeline (redeliveries count again). */
    public void messageReceived() {
        received.incrementAndGet();
    }

    /** Kafka acknowledged {@code readings} telemetry records of one message. */
    public void readingsAccepted(int readings) {
        acceptedReadings.addAndGet(readings);
    }

    /**
     * A message failed validation.
     *
     * @param field the field at fault with array indices removed, e.g. {@code v} or {@code payload}
     */
    public void messageRejected(String field) {
        rejected.incrementAndGet();
        rejectedByField.computeIfAbsent(field, f -> new AtomicLong()).incrementAndGet();
    }

    /** Kafka acknowledged a dead letter. */
    public void deadLetterWritten() {
        deadLetters.incrementAndGet();
    }

    /** Kafka failed to acknowledge a write of one message; the message is left for redelivery. */
    public void kafkaFailure() {
        kafkaFailures.incrementAndGet();
    }

    /** The MQTT message was acknowledged to the broker. */
    public void messageAcked() {
        acked.incrementAndGet();
    }

    /**
     * The client dropped its MQTT connection so that the broker redelivers unacknowledged messages.
     */
    public void redeliveryRequested() {
        redeliveryRequests.incrementAndGet();
    }

    public Snapshot snapshot() {
        Map<String, Long> byField = new TreeMap<>();
        rejectedByField.forEach((k, v) -> byField.put(k, v.get()));
        Map<String, Long> byReason = new TreeMap<>();
        rejectedReadingsByReason.forEach((k, v) -> byReason.put(k, v.get()));
        return new Snapshot(
                received.get(),
                acceptedReadings.get(),
                rejected.get(),
                Map.copyOf(byField),
                deadLetters.get(),
                kafkaFailures.get(),
                acked.get(),
                redeliveryRequests.get(),
                Map.copyOf(byReason),
                duplicates.get(),
                beyondWindow.get());
    }

    /**
     * Counter values at one moment.
     *
     * @param receivedMessages MQTT messages handled, redeliveries included
     * @param acceptedReadings readings Kafka acknowledged on {@code cb.telemetry.v1}
     * @param rejectedMessages messages that failed validation
     * @param rejectedByField rejected messages by field at fault (indices removed)
     * @param deadLetters dead letters Kafka acknowledged on {@code cb.telemetry.dlq.v1}
     * @param kafkaFailures messages whose Kafka writes failed (left unacknowledged)
     * @param ackedMessages MQTT messages acknowledged to the broker
     * @param redeliveryRequests forced reconnects to have the broker redeliver
     * @param rejectedReadingsByReason readings refused on their own, by reason
     * @param duplicatesDropped readings dropped because their (gateway, seq) was already written
     * @param beyondWindowDropped readings dropped below their gateway's deduplication window
     */
    public record Snapshot(
            long receivedMessages,
            long acceptedReadings,
            long rejectedMessages,
            Map<String, Long> rejectedByField,
            long deadLetters,
            long kafkaFailures,
            long ackedMessages,
            long redeliveryRequests,
            Map<String, Long> rejectedReadingsByReason,
            long duplicatesDropped,
            long beyondWindowDropped) {}
}
