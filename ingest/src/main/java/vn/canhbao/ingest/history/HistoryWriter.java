package vn.canhbao.ingest.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Copies {@code cb.telemetry.v1} into InfluxDB history (layout: {@link HistorySchema}).
 *
 * <p><b>Guarantee: at-least-once, and idempotent in InfluxDB.</b> One thread polls Kafka (auto
 * commit off), writes the polled records as one batch of points with a synchronous InfluxDB write,
 * and commits the batch's offsets only after InfluxDB acknowledged the write. While InfluxDB fails
 * or is unreachable the same batch is retried with a growing pause (250 ms doubling up to {@code
 * maxRetryBackoff}); the assigned partitions are paused meanwhile and {@code poll} keeps the group
 * membership, so nothing new is read and nothing is committed. A crash or rebalance before the
 * commit makes Kafka deliver the batch again; because a reading's point is identified by series and
 * time, writing it again overwrites it, so history holds each reading once.
 *
 * <p>A batch InfluxDB refuses for good (a partial write: points beyond the raw retention, a field
 * type conflict, unparsable lines) is counted, logged and committed: the other points of it are
 * stored, and retrying could never succeed. The database, retention policies and continuous queries
 * are (re)created before the first write and after any failure.
 */
public final class HistoryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long MIN_BACKOFF_MS = 250;

    private final HistoryConfig config;
    private final HistorySchema schema;
    private final HistoryMetrics metrics = new HistoryMetrics();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private InfluxDB influx;

    public HistoryWriter(HistoryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.schema =
                new HistorySchema(
                        config.database(), config.rawRetention(), config.hourlyRetention());
    }

    /** Starts the consumer thread. Does not wait for InfluxDB: an outage at start is retried. */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("HistoryWriter already started");
            }
            influx = connect(config);
            consumer = new KafkaConsumer<>(consumerProperties(config));
            running = true;
            thread = new Thread(this::run, "history-writer-" + config.consumerGroup());
            thread.start();
        }
    }

    /** The writer thread is alive (false before start, after close, or after a fatal error). */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public HistoryMetrics metrics() {
        return metrics;
    }

    public HistorySchema schema() {
        return schema;
    }

    /** A new InfluxDB client for this config (the caller closes it). */
    public static InfluxDB connect(HistoryConfig config) {
        long timeout = config.influxTimeout().toMillis();
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                        .readTimeout(timeout, TimeUnit.MILLISECONDS)
                        .writeTimeout(timeout, TimeUnit.MILLISECONDS)
                        .retryOnConnectionFailure(false);
        return InfluxDBFactory.connect(config.influxUrl(), http);
    }

    static Map<String, Object> consumerProperties(HistoryConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "history-" + config.consumerGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchPoints());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    /** One polled record and the point it became (empty when it was not valid telemetry). */
    private record Pending(TopicPartition partition, long offset, List<Point> points) {}

    private void run() {
        List<Pending> pending = new ArrayList<>();
        boolean schemaReady = false;
        long backoff = MIN_BACKOFF_MS;
        long nextAttempt = 0;
        boolean failing = false;
        try {
            consumer.subscribe(
                    List.of(KafkaTopics.TELEMETRY),
                    new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                            // Not committed: the partitions' next owner reads them again.
                            pending.removeIf(p -> partitions.contains(p.partition()));
                        }

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

                        @Override
                        public void onPartitionsLost(Collection<TopicPartition> partitions) {
                            onPartitionsRevoked(partitions);
                        }
                    });
            while (running) {
                Duration wait = POLL;
                if (pending.isEmpty()) {
                    consumer.resume(consumer.paused());
                } else {
                    consumer.pause(consumer.assignment());
                    wait = Duration.ofMillis(Math.max(0, nextAttempt - System.currentTimeMillis()));
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
                    pending.add(
                            new Pending(
                                    new TopicPartition(r.topic(), r.partition()),
                                    r.offset(),
                                    toPoints(r)));
                }
                if (pending.isEmpty() || System.currentTimeMillis() < nextAttempt) {
                    continue;
                }
                try {
                    if (!schemaReady) {
                        schema.ensure(influx);
                        schemaReady = true;
                    }
                    write(pending);
                    if (failing) {
                        LOG.info("InfluxDB writes succeed again; history is catching up");
                        failing = false;
                    }
                    backoff = MIN_BACKOFF_MS;
                    commit(pending);
                    pending.clear();
                } catch (InfluxDBException e) {
                    metrics.writeFailed();
                    schemaReady = false;
                    nextAttempt = System.currentTimeMillis() + backoff;
                    backoff = Math.min(backoff * 2, config.maxRetryBackoff().toMillis());
                    if (!failing) {
                        LOG.warn(
                                "InfluxDB write of {} points failed, retrying until it succeeds"
                                        + " (nothing committed): {}",
                                pending.size(),
                                e.toString());
                        failing = true;
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("History writer woken up while running; stopping", e);
            }
        } catch (RuntimeException e) {
            LOG.error("History writer stopped on an unexpected error", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<Point> toPoints(ConsumerRecord<String, byte[]> r) {
        try {
            List<TelemetryRecord> readings = TelemetryPack.CODEC.decode(r.value()).records();
            List<Point> points = new ArrayList<>(readings.size());
            readings.forEach(t -> points.add(HistorySchema.point(t)));
            return points;
        } catch (RuntimeException e) {
            metrics.undecodable();
            LOG.error(
                    "Skipping {}-{}@{}: not a valid telemetry record: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
            return List.of();
        }
    }

    /**
     * @throws InfluxDBException when the write should be retried
     */
    private void write(List<Pending> pending) {
        BatchPoints.Builder batch =
                BatchPoints.database(config.database())
                        .retentionPolicy(HistorySchema.RAW_RP)
                        .precision(TimeUnit.MILLISECONDS);
        int points = 0;
        for (Pending p : pending) {
            for (Point point : p.points()) {
                batch.point(point);
                points++;
            }
        }
        if (points == 0) {
            return;
        }
        try {
            influx.write(batch.build());
            metrics.batchWritten(points);
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            throw e;
        } catch (InfluxDBException e) {
            if (e.isRetryWorth()) {
                throw e;
            }
            metrics.droppedByInflux(points);
            LOG.error(
                    "InfluxDB refused a batch of {} points for good; committing it: {}",
                    points,
                    e.getMessage());
        }
    }

    private void commit(List<Pending> pending) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Pending p : pending) {
            offsets.merge(
                    p.partition(),
                    new OffsetAndMetadata(p.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        try {
            consumer.commitSync(offsets);
            metrics.committed();
        } catch (CommitFailedException e) {
            // A rebalance took the partitions: their new owner writes the batch again, which
            // overwrites the same points.
            LOG.warn("Offset commit after an InfluxDB write failed: {}", e.getMessage());
        }
    }

    /** Stops polling and writing; what was written but not committed is written again later. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (thread == null) {
                return;
            }
            running = false;
            consumer.wakeup();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            influx.close();
            thread = null;
        }
    }
}
