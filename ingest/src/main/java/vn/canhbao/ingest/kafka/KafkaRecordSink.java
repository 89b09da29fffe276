package vn.canhbao.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import vn.canhbao.ingest.telemetry.KafkaWrite;
import vn.canhbao.ingest.telemetry.RecordSink;

/**
 * Writes records with one idempotent {@code acks=all} producer (see {@link ProducerSettings}).
 * Records with the same key go to the same partition in send order. Thread-safe. Completion
 * callbacks run on the producer's I/O thread.
 */
public final class KafkaRecordSink implements RecordSink, AutoCloseable {
    private final Producer<String, byte[]> producer;

    public KafkaRecordSink(Map<String, Object> producerProperties) {
        this.producer = new KafkaProducer<>(producerProperties);
    }

    @Override
    public CompletableFuture<Void> write(KafkaWrite write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(write.topic(), write.key(), write.value());
        write.headers()
                .forEach(
                        (name, value) ->
                                record.headers()
                                        .add(
                                                new RecordHeader(
                                                        name,
                                                        value.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            // Closed producer, interrupt, or a non-API error thrown synchronously: same fate as a
            // failed send.
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Fetches the metadata of {@code topic} now, while Kafka is known to be up, so that a first
     * write to it during a later Kafka outage (a dead letter, say) does not block the sending
     * thread for {@code max.block.ms} waiting for metadata.
     *
     * @throws org.apache.kafka.common.KafkaException when the topic's metadata cannot be fetched
     */
    public void warmUp(String topic) {
        producer.partitionsFor(topic);
    }

    /**
     * Blocks until every record sent so far is acknowledged or has failed (at most the delivery
     * timeout).
     */
    public void flush() {
        producer.flush();
    }

    /** Flushes and closes, waiting at most {@code timeout} for outstanding records. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
