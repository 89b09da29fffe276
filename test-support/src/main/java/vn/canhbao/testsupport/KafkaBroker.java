package vn.canhbao.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka 4.3 broker in KRaft mode (combined broker and controller, no ZooKeeper) running in
 * this JVM on free loopback ports, with its log in its own folder. {@link #restart()} stops it and
 * starts it again on the same ports with the same data, for fault tests.
 *
 * <p>Internal topics use replication factor 1 and min ISR 1; the initial rebalance delay is 0 so
 * consumer groups start at once.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path propertiesFile;
    private KafkaRaftServer server;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.propertiesFile = dir.resolve("server.properties");
    }

    /**
     * Formats storage under {@code dir} (unless already formatted) and starts the broker.
     *
     * @throws ComponentUnavailable when the broker does not come up
     */
    public static KafkaBroker start(Path dir) {
        return start(dir, FreePorts.next(), FreePorts.next());
    }

    /** As {@link #start(Path)} with fixed ports (the local runner reuses them across runs). */
    public static KafkaBroker start(Path dir, int port, int controllerPort) {
        KafkaBroker broker = new KafkaBroker(dir, port, controllerPort);
        broker.writeProperties();
        broker.formatIfNeeded();
        broker.launch();
        return broker;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", "9223372036854775807");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void writeProperties() {
        try {
            Files.createDirectories(dir.resolve("logs"));
            try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                properties().store(out, "written by canhbao test-support");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Kafka properties in " + dir, e);
        }
    }

    private void formatIfNeeded() {
        if (Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code =
                    StorageTool.execute(
                            new String[] {
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                propertiesFile.toAbsolutePath().toString()
                            },
                            out);
        }
        if (code != 0) {
            throw new ComponentUnavailable(
                    "Kafka: formatting storage in " + dir + " failed: " + output);
        }
    }

    private void launch() {
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            throw new ComponentUnavailable("Kafka: the broker did not start on port " + port, e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                last = e instanceof RuntimeException re ? re : new RuntimeException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComponentUnavailable("interrupted while waiting for Kafka", e);
            }
            Processes.sleep(100);
        }
        throw new ComponentUnavailable(
                "Kafka did not answer on port " + port + " within " + timeout, last);
    }

    /** {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"));
    }

    /** Creates a topic unless it exists; compacted topics get {@code cleanup.policy=compact}. */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ComponentUnavailable("Kafka: cannot create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new ComponentUnavailable("Kafka: creating topic " + name + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentUnavailable("interrupted while creating topic " + name, e);
        }
    }

    /**
     * Every record in {@code topic} up to its end offsets at the time of the call, partition by
     * partition in offset order. Reads without a consumer group (assign and seek), so it is cheap
     * and leaves no group behind.
     */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ComponentUnavailable(
                            "Kafka: reading " + topic + " to its end took over 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Names of the topics that exist now. */
    public Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ComponentUnavailable("Kafka: cannot list topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentUnavailable("interrupted while listing topics", e);
        }
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker (controlled shutdown); data stays for {@link #restart()}. */
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports with the same data. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }
}
