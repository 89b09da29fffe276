package vn.canhbao.ingest.history;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one {@link HistoryWriter}. Thread-safe; read them with {@link #snapshot()}. */
public final class HistoryMetrics {
    private final AtomicLong pointsWritten = new AtomicLong();
    private final AtomicLong batchesWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong pointsDroppedByInflux = new AtomicLong();
    private final AtomicLong undecodableRecords = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();

    void consumerLag(long records) {
        consumerLag.set(records);
    }

    void batchWritten(int points) {
        batchesWritten.incrementAndGet();
        pointsWritten.addAndGet(points);
    }

    void writeFailed() {
        writeFailures.incrementAndGet();
    }

    void droppedByInflux(int points) {
        pointsDroppedByInflux.addAndGet(points);
    }

    void undecodable() {
        undecodableRecords.incrementAndGet();
    }

    void committed() {
        commits.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                pointsWritten.get(),
                batchesWritten.get(),
                writeFailures.get(),
                pointsDroppedByInflux.get(),
                undecodableRecords.get(),
                commits.get(),
                consumerLag.get());
    }

    /**
     * @param pointsWritten points InfluxDB acknowledged (rewrites after a redelivery count again)
     * @param batchesWritten successful write requests
     * @param writeFailures failed write attempts (each is retried; nothing is committed)
     * @param pointsDroppedByInflux points of batches InfluxDB refused for good (e.g. older than the
     *     raw retention, or a field type conflict); their offsets are committed
     * @param undecodableRecords {@code cb.telemetry.v1} records that are not valid telemetry
     *     records (skipped, logged)
     * @param commits offset commits after a successful write
     * @param consumerLag telemetry records not yet in InfluxDB, measured about once a second (-1
     *     while Kafka does not answer)
     */
    public record Snapshot(
            long pointsWritten,
            long batchesWritten,
            long writeFailures,
            long pointsDroppedByInflux,
            long undecodableRecords,
            long commits,
            long consumerLag) {}
}
