package vn.canhbao.ingest.telemetry;

import java.util.concurrent.CompletableFuture;

/**
 * Where records go: Kafka in production. Implementations must be thread-safe and must keep the
 * order of writes with the same topic and key.
 */
public interface RecordSink {
    /**
     * Starts one write. Never throws: a failure, immediate or later, completes the future
     * exceptionally.
     *
     * @return completes when the record is durably acknowledged ({@code acks=all} for Kafka)
     */
    CompletableFuture<Void> write(KafkaWrite write);
}
