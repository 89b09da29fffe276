package vn.canhbao.vms.clips;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.vms.config.VmsConfig;
import vn.canhbao.vms.index.StorageException;

/**
 * Reads {@code cb.alerts.v1} and {@code cb.site-config.v1} into the {@code alert} and {@code site}
 * tables.
 *
 * <p>At-least-once: offsets are committed (synchronously, auto-commit off) only after every record
 * of a poll is stored or rejected; if the database fails, the consumer seeks back to the first
 * record of the poll and retries after a pause. Stores are idempotent (alert revision, site
 * version), so redelivery is harmless. A record that does not decode is written to {@code
 * rejected_record} with the reason, counted ({@code vms_kafka_rejected_total}) and skipped; it
 * never blocks the records after it. One daemon thread.
 */
@ApplicationScoped
public class KafkaIntake implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaIntake.class);

    private final String bootstrapServers;
    private final VmsConfig config;
    private final AlertRepository alerts;
    private final SiteRepository sites;
    private final RejectedRecords rejected;
    private final Counter rejectedCount;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    KafkaIntake(
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
                    String bootstrapServers,
            VmsConfig config,
            AlertRepository alerts,
            SiteRepository sites,
            RejectedRecords rejected,
            MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.alerts = alerts;
        this.sites = sites;
        this.rejected = rejected;
        this.rejectedCount =
                Counter.builder("vms.kafka.rejected")
                        .description("Kafka records that could not be decoded")
                        .register(registry);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vms-intake");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(KafkaTopics.ALERTS, KafkaTopics.SITE_CONFIG));
        running = true;
        thread = new Thread(this::loop, "vms-kafka-intake");
        thread.setDaemon(true);
        thread.start();
        LOG.infof(
                "reading %s and %s from %s",
                KafkaTopics.ALERTS, KafkaTopics.SITE_CONFIG, bootstrapServers);
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                try {
                    for (ConsumerRecord<String, byte[]> r : batch) {
                        handle(r);
                    }
                    if (!batch.isEmpty()) {
                        consumer.commitSync();
                    }
                } catch (StorageException e) {
                    LOG.errorf("kafka intake: %s; retrying the last poll in 2 s", e.getMessage());
                    for (TopicPartition tp : batch.partitions()) {
                        consumer.seek(tp, batch.records(tp).get(0).offset());
                    }
                    Thread.sleep(2000);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "kafka intake stopped; alerts and site configuration are no longer read until restart");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // tombstone of a compacted topic: nothing to keep
        }
        try {
            if (KafkaTopics.ALERTS.equals(r.topic())) {
                alerts.apply(AlertEvent.CODEC.decode(r.value()));
            } else {
                sites.apply(SiteConfig.CODEC.decode(r.value()));
            }
        } catch (ContractViolation e) {
            rejectedCount.increment();
            LOG.warnf(
                    "kafka intake: rejected %s/%d@%d: %s",
                    r.topic(), r.partition(), r.offset(), e.getMessage());
            rejected.reject(r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
