package vn.canhbao.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.stream.dlq.DeadLetterSink;
import vn.canhbao.stream.kafka.KafkaConnectors;

/**
 * Entry points of the hazard job: {@link #startLocal} runs it in this JVM on a Flink MiniCluster
 * (the local runner), {@link #main} submits it to a cluster.
 */
public final class HazardJobs {
    public static final String JOB_NAME = "canhbao-hazards";
    private static final Logger LOG = LoggerFactory.getLogger(HazardJobs.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private HazardJobs() {}

    /**
     * Starts the job on a local MiniCluster that lives as long as the job, reading from and writing
     * to the Kafka at {@code config.kafkaBootstrapServers()}. Returns once the job is submitted; it
     * then runs until {@link Running#close()}.
     *
     * @throws HazardJobException if the job cannot be submitted
     */
    public static Running startLocal(HazardJobConfig config) {
        Configuration flink = flinkConfiguration(config);
        // Without a configured directory, checkpoints go to a temporary directory deleted on
        // close: the JobManager-memory storage caps state at 5 MB, which a few thousand gateways'
        // device-health state exceeds.
        Optional<Path> temporary = Optional.empty();
        if (config.checkpointDirectory().isEmpty()) {
            try {
                temporary = Optional.of(Files.createTempDirectory("cb-hazard-checkpoints"));
            } catch (IOException e) {
                throw new HazardJobException("cannot create a checkpoint directory", e);
            }
            flink.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY, temporary.get().toUri().toString());
        }
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        // The MiniCluster's REST endpoint: loopback only, on a free port, never a fixed 8081.
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        build(env, config);
        try {
            JobClient client = env.executeAsync(JOB_NAME);
            LOG.info(
                    "hazard job {} started on a local MiniCluster, Kafka {}",
                    client.getJobID(),
                    config.kafkaBootstrapServers());
            return new Running(client, temporary);
        } catch (Exception e) {
            throw new HazardJobException("cannot start the hazard job locally", e);
        }
    }

    /**
     * Cluster submission. Arguments are {@code --key=value} settings, see {@link
     * HazardJobConfig#fromSettings}; at least {@code --kafka.bootstrap.servers=host:port}.
     */
    public static void main(String[] args) {
        HazardJobConfig config = HazardJobConfig.fromSettings(parseArgs(args));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        build(env, config);
        try {
            env.execute(JOB_NAME);
        } catch (Exception e) {
            throw new HazardJobException("the hazard job failed", e);
        }
    }

    /** The Flink settings the job needs: parallelism, checkpoints, restarts, low buffer timeout. */
    public static Configuration flinkConfiguration(HazardJobConfig config) {
        Configuration flink = new Configuration();
        flink.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        switch (config.stateBackend()) {
            case HASHMAP -> flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
            case ROCKSDB -> {
                flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
                flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        config.checkpointDirectory()
                .ifPresent(dir -> flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
        // Alerts should leave within milliseconds, not wait for a full network buffer.
        flink.set(ExecutionOptions.BUFFER_TIMEOUT, config.bufferTimeout());
        // A failed checkpoint (e.g. a slow disk) must not restart the job and delay alerts.
        flink.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMinutes(1));
        return flink;
    }

    private static void build(StreamExecutionEnvironment env, HazardJobConfig config) {
        new HazardJob(
                        KafkaConnectors.telemetrySource(config),
                        KafkaConnectors.siteConfigSource(config),
                        KafkaConnectors.alertSink(config),
                        DeadLetterSink.create(config),
                        config)
                .build(env);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary checkpoints in {}: {}", root, e.toString());
        }
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "argument: expected --key=value (got \"" + arg + "\")");
            }
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return settings;
    }

    /** A job running on a local MiniCluster. {@link #close()} cancels it and waits. */
    public static final class Running implements AutoCloseable {
        private final JobClient client;
        private final Optional<Path> temporaryCheckpoints;

        Running(JobClient client, Optional<Path> temporaryCheckpoints) {
            this.client = Objects.requireNonNull(client, "client");
            this.temporaryCheckpoints = temporaryCheckpoints;
        }

        public JobID jobId() {
            return client.getJobID();
        }

        /**
         * @throws HazardJobException if the status cannot be obtained within 10 s
         */
        public JobStatus status() {
            try {
                return client.getJobStatus().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HazardJobException("interrupted while asking for the job status", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new HazardJobException(
                        "cannot get the status of job " + client.getJobID(), e);
            }
        }

        /**
         * Cancels the job and waits (up to 30 s) until it has stopped and the MiniCluster has
         * released it.
         *
         * @throws HazardJobException if the job does not stop in time
         */
        @Override
        public void close() {
            try {
                client.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    client.getJobExecutionResult().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException expected) {
                    // A cancelled job completes its result exceptionally: that is the normal end
                    // here.
                    LOG.debug(
                            "hazard job {} ended: {}",
                            client.getJobID(),
                            expected.getCause().toString());
                }
                LOG.info("hazard job {} cancelled", client.getJobID());
                temporaryCheckpoints.ifPresent(HazardJobs::deleteTree);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HazardJobException(
                        "interrupted while cancelling job " + client.getJobID(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new HazardJobException("cannot cancel job " + client.getJobID(), e);
            }
        }
    }
}
