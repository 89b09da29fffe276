package vn.canhbao.registry.pending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.db.RegistryStorageException;

/**
 * Consumes {@link KafkaTopics#SENSOR_PENDING} on one thread of its own and stores each report with
 * {@link PendingSensorService#report}.
 *
 * <p>Guarantees: at least once. Offsets are committed only after the reports before them are
 * stored; a redelivered report changes nothing (the upsert is idempotent). A malformed record (not
 * a {@link PendingSensor}, or a key that is not its {@code gatewayId/sensorId}) is logged with the
 * field at fault, counted ({@code canhbao_registry_pending_sensors_malformed_total}) and skipped:
 * it never blocks the records after it. When the database fails, the partition is rewound to the
 * failed record and retried after {@code pending.retry-backoff}; a record the database refuses for
 * good (SQLSTATE class 22 or 23) is counted as malformed and skipped instead. A tombstone (null
 * value) is skipped. Creates the compacted topic when it is missing.
 */
@ApplicationScoped
public class PendingSensorConsumer {
    private static final Logger LOG = Logger.getLogger(PendingSensorConsumer.class);

    private final PendingSensorService service;
    private final RegistryConfig config;
    private final String bootstrapServers;
    private final Counter stored;
    private final Counter malformed;
    private final Counter known;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public PendingSensorConsumer(
            PendingSensorService service,
            RegistryConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            MeterRegistry meters) {
        this.service = service;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.stored = meters.counter("canhbao.registry.pending.sensors.stored");
        this.malformed = meters.counter("canhbao.registry.pending.sensors.malformed");
        this.known = meters.counter("canhbao.registry.pending.sensors.known");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.pending().enabled()) {
            LOG.info("pending-sensor consumer disabled (canhbao.registry.pending.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "pending-sensor-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reports stored (new or merged). */
    public double storedCount() {
        return stored.count();
    }

    /** Malformed records skipped. */
    public double malformedCount() {
        return malformed.count();
    }

    private void run() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.pending().groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "canhbao-registry-pending");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return; // stopped before the consumer existed: wakeup() had nothing to wake
            }
            ensureTopic();
            c.subscribe(List.of(KafkaTopics.SENSOR_PENDING));
            boolean failing = false;
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofSeconds(1));
                    boolean ok = handle(c, records);
                    if (failing && ok) {
                        LOG.info("pending-sensor consumer recovered");
                    }
                    failing = !ok;
                    if (!ok) {
                        pause();
                    }
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    if (!failing) {
                        LOG.warnf(e, "pending-sensor consumer: Kafka failed; retrying");
                    }
                    failing = true;
                    pause();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "pending-sensor consumer stopped unexpectedly");
        } finally {
            consumer = null;
        }
    }

    /**
     * Stores the records partition by partition and commits what was stored.
     *
     * @return false when the database failed (the partition is rewound to the failed record)
     */
    boolean handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean ok = true;
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                try {
                    apply(r);
                } catch (RegistryStorageException e) {
                    LOG.warnf(
                            "pending-sensor consumer: storing %s offset %d failed (%s); retrying",
                            tp, r.offset(), e.getMessage());
                    c.seek(tp, r.offset());
                    ok = false;
                    break;
                }
                done.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
        return ok;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            LOG.debugf("pending-sensor tombstone for %s skipped", r.key());
            return;
        }
        PendingSensor report;
        try {
            report = PendingSensor.CODEC.decode(r.value());
            if (!report.key().equals(r.key())) {
                throw new ContractViolation(
                        "key", r.key(), "expected the value's gatewayId/sensorId " + report.key());
            }
        } catch (ContractViolation e) {
            malformed.increment();
            LOG.warnf(
                    "malformed %s record skipped (partition %d offset %d, key %s): %s; payload %s",
                    KafkaTopics.SENSOR_PENDING,
                    r.partition(),
                    r.offset(),
                    r.key(),
                    e.getMessage(),
                    excerpt(r.value()));
            return;
        }
        boolean isNew;
        try {
            isNew = service.report(report);
        } catch (RegistryStorageException e) {
            if (!rejectedByTheDatabase(e)) {
                throw e; // transient: retried
            }
            // The record can never be stored (a value the schema refuses): retrying would block
            // every record after it.
            malformed.increment();
            LOG.warnf(
                    "%s record refused by the database, skipped (partition %d offset %d, key %s):"
                            + " %s",
                    KafkaTopics.SENSOR_PENDING, r.partition(), r.offset(), r.key(), e.getMessage());
            return;
        }
        if (isNew) {
            stored.increment();
        } else {
            known.increment();
        }
    }

    /** SQLSTATE classes 22 (data exception) and 23 (constraint violation): permanent. */
    private static boolean rejectedByTheDatabase(RegistryStorageException e) {
        return e.getCause() instanceof java.sql.SQLException sql
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"));
    }

    private static String excerpt(byte[] value) {
        String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private void ensureTopic() {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                "canhbao-registry-pending-admin"))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(
                                                    KafkaTopics.SENSOR_PENDING,
                                                    config.topic().partitions(),
                                                    config.topic().replicationFactor())
                                            .configs(
                                                    Map.of(
                                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                                            TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            LOG.infof("created compacted topic %s", KafkaTopics.SENSOR_PENDING);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf(
                        "cannot create topic %s (%s); consuming it once it exists",
                        KafkaTopics.SENSOR_PENDING, e.getCause());
            }
        } catch (TimeoutException | KafkaException e) {
            LOG.warnf(
                    "cannot create topic %s (%s); consuming it once it exists",
                    KafkaTopics.SENSOR_PENDING, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.pending().retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
