package vn.canhbao.ops.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * One Kafka consumer on its own thread, feeding one topic to a {@link BatchApplier}.
 *
 * <p><b>At-least-once.</b> Auto-commit is off. Offsets of a polled batch are committed
 * synchronously only after the applier returned, i.e. after its database transaction committed. If
 * the applier throws, the consumer seeks back to the first record of the batch and, after {@code
 * retryBackoff}, offers the same records again. A crash between the database commit and the offset
 * commit redelivers the batch, which the appliers ignore (idempotent).
 *
 * <p>Values and keys are read as raw bytes, so no record can fail deserialisation inside the
 * consumer; decoding, and rejecting what cannot be decoded, is the applier's job.
 *
 * <p>{@link #close()} wakes the consumer, waits for the thread to finish and closes the consumer.
 */
public final class KafkaIntakeLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaIntakeLoop.class);

    private final String topic;
    private final Map<String, Object> consumerProperties;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final BatchApplier applier;
    private final Runnable onFailure;
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Instant lastPollAt = Instant.EPOCH;
    private volatile boolean failing;

    /**
     * @param topic the topic to subscribe to
     * @param bootstrapServers Kafka bootstrap servers
     * @param groupId the consumer group
     * @param pollTimeout how long one poll waits
     * @param retryBackoff pause before a failed batch is retried
     * @param applier stores a batch in one transaction
     * @param onFailure called once per failed batch (for counting)
     */
    public KafkaIntakeLoop(
            String topic,
            String bootstrapServers,
            String groupId,
            Duration pollTimeout,
            Duration retryBackoff,
            BatchApplier applier,
            Runnable onFailure) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        Map<String, Object> p = new HashMap<>();
        p.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + topic);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Topics are created by their owners (the compacted site-config topic must not be
        // auto-created with the broker's defaults); until they exist the consumer waits.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerProperties = Map.copyOf(p);
        this.thread = new Thread(this::run, "ops-intake-" + topic);
    }

    public void start() {
        thread.start();
    }

    public String topic() {
        return topic;
    }

    /** True while the consumer thread runs. */
    public boolean running() {
        return thread.isAlive();
    }

    /** True after a batch failed, until a batch succeeds again. */
    public boolean failing() {
        return failing;
    }

    /** When the last poll returned. */
    public Instant lastPollAt() {
        return lastPollAt;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        consumerProperties,
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(topic));
            LOG.infof(
                    "Consuming %s as group %s",
                    topic, consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG));
            while (stopRequested.getCount() > 0) {
                pollOnce(c);
            }
        } catch (WakeupException e) {
            // close() woke us: the normal way out of a blocking poll or commit.
        } catch (RuntimeException e) {
            LOG.errorf(e, "Consumer of %s stopped", topic);
        }
        LOG.infof("Stopped consuming %s", topic);
    }

    private void pollOnce(KafkaConsumer<byte[], byte[]> c) {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = c.poll(pollTimeout);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("Polling %s failed, retrying in %s: %s", topic, retryBackoff, e.toString());
            pause();
            return;
        }
        lastPollAt = Instant.now();
        if (records.isEmpty()) {
            return;
        }
        try {
            applier.apply(toIncoming(records));
        } catch (RuntimeException e) {
            onFailure.run();
            if (!failing) {
                LOG.errorf(
                        e,
                        "Storing %d records of %s failed; retrying every %s until it succeeds",
                        records.count(),
                        topic,
                        retryBackoff);
            }
            failing = true;
            rewind(c, records);
            pause();
            return;
        }
        if (failing) {
            LOG.infof("Storing records of %s works again", topic);
            failing = false;
        }
        try {
            c.commitSync(nextOffsets(records));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The batch is stored; if the commit is lost it is redelivered and ignored as a repeat.
            LOG.warnf(
                    "Committing offsets of %s failed, the batch may be redelivered: %s",
                    topic, e.toString());
        }
    }

    static List<IncomingRecord> toIncoming(ConsumerRecords<byte[], byte[]> records) {
        List<IncomingRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            batch.add(
                    new IncomingRecord(
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            Optional.ofNullable(r.key())
                                    .map(k -> new String(k, StandardCharsets.UTF_8)),
                            r.value() == null ? new byte[0] : r.value()));
        }
        return batch;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
            ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(
            KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            c.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private void pause() {
        try {
            stopRequested.await(retryBackoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }

    /** Stops polling and waits up to 10 s for the consumer to close. */
    @Override
    public void close() {
        if (stopRequested.getCount() == 0 && !thread.isAlive()) {
            return;
        }
        stopRequested.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null && thread.isAlive()) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("Consumer of %s did not stop within 10 s", topic);
        }
    }
}
