package vn.canhbao.stream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.HazardJob;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.HazardJobs;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.kafka.ContractDeserializer;
import vn.canhbao.stream.kafka.KafkaConnectors;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * Load driver for the hazard job (not a test: run it by hand, see the module README). Every mode
 * starts its own in-JVM KRaft Kafka from test-support and a Flink MiniCluster in this JVM, with
 * checkpoints every 10 s.
 *
 * <ul>
 *   <li>{@code throughput}: preloads {@code --readings} into {@code cb.telemetry.v1}, then runs
 *       bounded, alternately, a bare keyed pipeline (Kafka source, JSON parse, keyBy, one
 *       ValueState) and the hazard job, {@code --rounds} times each; rate = readings / (job net
 *       runtime − the net runtime of the same job on an empty topic).
 *   <li>{@code latency}: the hazard job as the local runner starts it; readings produced at {@code
 *       --rate} per second for {@code --seconds}; latency = broker append time of the alert in
 *       {@code cb.alerts.v1} − broker append time of the reading that caused it (both topics use
 *       {@code LogAppendTime}), for readings produced after {@code --warmup} seconds (default 60:
 *       on 2 cores the JIT compiler, with Kafka and Flink in one JVM, is busy for about a minute,
 *       so 15 s measured compilation more than the job). {@code --checkpoint-seconds} (default 10)
 *       changes the checkpoint interval, to tell checkpoint pauses from other latency.
 *   <li>{@code state}: {@code --sensors} sensors, each {@code --steps} readings with an open flood
 *       episode and rain every minute (worst case: every sensor keeps flood and device-health state
 *       and a full hour of rain); heap after GC before and after, and the checkpoint size.
 * </ul>
 *
 * <p>{@code --mode=operator} runs {@link GatewayRulesBench} (the gateway rules alone, no Kafka).
 *
 * <p>Arguments: {@code --mode=throughput|latency|state|operator --readings=N --sensors=N
 * --parallelism=N --rounds=N --rate=N --seconds=N --warmup=N --steps=N}.
 */
public final class HazardBench {
    private static final Duration CHECKPOINTS = Duration.ofSeconds(10);

    private final Map<String, String> args;
    private final Path dir;

    private HazardBench(Map<String, String> args, Path dir) {
        this.args = args;
        this.dir = dir;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path dir = Files.createTempDirectory("cb-bench");
        try {
            HazardBench bench = new HazardBench(args, dir);
            String mode = args.getOrDefault("mode", "throughput");
            System.out.printf(
                    Locale.ROOT,
                    "# machine: %d cores, max heap %d MB, %s %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
            switch (mode) {
                case "throughput" -> bench.throughput();
                case "latency" -> bench.latency();
                case "state" -> bench.state();
                case "operator" -> GatewayRulesBench.run(args);
                default -> throw new IllegalArgumentException("mode: unknown " + mode);
            }
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private int intArg(String key, int fallback) {
        return Integer.parseInt(args.getOrDefault(key, Integer.toString(fallback)));
    }

    // ---------------------------------------------------------------- throughput

    private void throughput() throws Exception {
        int readings = intArg("readings", 2_000_000);
        int sensors = intArg("sensors", 10_000);
        int parallelism = intArg("parallelism", 1);
        int rounds = intArg("rounds", 2);
        int sites = sensors / 2;
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            createTopics(kafka, Math.max(2, parallelism));
            produceConfigs(kafka, sites);
            long t = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka, "1", 20)) {
                long step = 0;
                int sent = 0;
                while (sent < readings) {
                    for (int s = 0; s < sites && sent < readings; s++) {
                        // one pack per gateway message, as ingest writes them: water and rain
                        if (sent + 1 < readings) {
                            send(
                                    producer,
                                    BenchData.cyclingWater(s, step),
                                    BenchData.rain(s, step, 0.2));
                            sent += 2;
                        } else {
                            send(producer, BenchData.cyclingWater(s, step));
                            sent++;
                        }
                    }
                    step++;
                }
                producer.flush();
            }
            System.out.printf(
                    Locale.ROOT,
                    "preloaded %,d readings of %,d sensors in %.1f s%n",
                    readings,
                    sensors,
                    (System.nanoTime() - t) / 1e9);
            HazardJobConfig config =
                    HazardJobConfig.defaults(kafka.bootstrapServers())
                            .withParallelism(parallelism)
                            .withCheckpointInterval(CHECKPOINTS)
                            .withStateBackend(
                                    HazardJobConfig.StateBackend.HASHMAP,
                                    Optional.of(dir.resolve("checkpoints").toUri().toString()));

            try (KafkaBroker empty = KafkaBroker.start(dir.resolve("kafka-empty"))) {
                createTopics(empty, Math.max(2, parallelism));
                HazardJobConfig emptyConfig =
                        HazardJobConfig.defaults(empty.bootstrapServers())
                                .withParallelism(parallelism)
                                .withCheckpointInterval(CHECKPOINTS)
                                .withStateBackend(
                                        HazardJobConfig.StateBackend.HASHMAP,
                                        config.checkpointDirectory());
                // Start-up and shut-down of a job: the best of three runs on an empty topic.
                double bareOverhead = Double.MAX_VALUE;
                double hazardOverhead = Double.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    bareOverhead = Math.min(bareOverhead, runBare(emptyConfig, "overhead" + i));
                    hazardOverhead =
                            Math.min(hazardOverhead, runHazard(emptyConfig, "overhead" + i));
                }
                System.out.printf(
                        Locale.ROOT,
                        "empty-topic net runtime: bare %.2f s, hazard %.2f s%n",
                        bareOverhead,
                        hazardOverhead);
                List<Double> bare = new ArrayList<>();
                List<Double> hazard = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    long c0 = processCpuNanos();
                    double b = runBare(config, "r" + r);
                    long c1 = processCpuNanos();
                    double h = runHazard(config, "r" + r);
                    long c2 = processCpuNanos();
                    double bRate = readings / (b - bareOverhead);
                    double hRate = readings / (h - hazardOverhead);
                    bare.add(bRate);
                    hazard.add(hRate);
                    // CPU of the whole process (broker, job, GC, JIT) per reading: the work each
                    // pipeline costs, steadier than a rate on a machine whose speed drifts.
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: bare %.2f s → %,.0f readings/s; hazard %.2f s → %,.0f"
                                    + " readings/s; ratio %.2f; process CPU per reading: bare %.2f"
                                    + " µs, hazard %.2f µs%n",
                            r,
                            b,
                            bRate,
                            h,
                            hRate,
                            hRate / bRate,
                            (c1 - c0) / 1e3 / readings,
                            (c2 - c1) / 1e3 / readings);
                }
                System.out.printf(
                        Locale.ROOT,
                        "RESULT throughput p=%d: bare best %,.0f/s, hazard best %,.0f/s, ratio of"
                                + " bests %.2f%n",
                        parallelism,
                        Collections.max(bare),
                        Collections.max(hazard),
                        Collections.max(hazard) / Collections.max(bare));
            }
        }
    }

    /** CPU time used by this process so far (all threads), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static StreamExecutionEnvironment localEnv(HazardJobConfig config) {
        Configuration flink = HazardJobs.flinkConfiguration(config);
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        return StreamExecutionEnvironment.createLocalEnvironment(flink);
    }

    /** The bare pipeline's source: one telemetry record per reading, as it keys them. */
    private static KafkaSource<TelemetryRecord> boundedTelemetry(
            HazardJobConfig config, String group) {
        return bounded(config, KafkaTopics.TELEMETRY, group, ContractDeserializer.telemetry());
    }

    /**
     * The hazard job's source, as in production: one pack per gateway message, or a dead letter.
     */
    private static KafkaSource<Either<DeadLetter, TelemetryPack>> boundedPacks(
            HazardJobConfig config, String group) {
        return bounded(
                config,
                KafkaTopics.TELEMETRY,
                group,
                ContractDeserializer.telemetryPacksOrDeadLetters());
    }

    private static <T> KafkaSource<T> bounded(
            HazardJobConfig config,
            String topic,
            String group,
            ContractDeserializer<?, T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(config.kafkaBootstrapServers())
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(deserializer)
                .build();
    }

    /** Net runtime in seconds of the bare keyed pipeline over the whole topic. */
    private static double runBare(HazardJobConfig config, String tag) throws Exception {
        StreamExecutionEnvironment env = localEnv(config);
        env.fromSource(
                        boundedTelemetry(config, "bare-" + tag),
                        WatermarkStrategy.noWatermarks(),
                        "telemetry")
                .keyBy(TelemetryRecord::sensorKey, Types.STRING)
                .process(new CountPerKey())
                .sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("bare-keyed-" + tag);
        return result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** Net runtime in seconds of the hazard job over the whole topic (bounded sources). */
    private static double runHazard(HazardJobConfig config, String tag) throws Exception {
        StreamExecutionEnvironment env = localEnv(config);
        new HazardJob(
                        boundedPacks(config, "hazard-" + tag),
                        bounded(
                                config,
                                KafkaTopics.SITE_CONFIG,
                                "hazard-sites-" + tag,
                                ContractDeserializer.siteConfigsOrDeadLetters()),
                        KafkaConnectors.alertSink(config),
                        new DiscardingSink<>(),
                        config)
                .build(env);
        JobExecutionResult result = env.execute("hazard-" + tag);
        return result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }

    /** The bare pipeline's one piece of keyed state: a count per sensor. */
    static final class CountPerKey extends KeyedProcessFunction<String, TelemetryRecord, Long> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext ctx) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(TelemetryRecord r, Context ctx, Collector<Long> out)
                throws IOException {
            Long c = count.value();
            count.update(c == null ? 1L : c + 1);
        }
    }

    // ---------------------------------------------------------------- latency

    private void latency() throws Exception {
        int rate = intArg("rate", 20_000);
        int seconds = intArg("seconds", 60);
        int warmup = intArg("warmup", 60);
        int sensors = intArg("sensors", 20_000);
        int sites = sensors / 2;
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            createTopics(kafka, 2);
            produceConfigs(kafka, sites);
            Map<Long, Long> readingAppend = new ConcurrentHashMap<>();
            List<long[]> matched = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean consuming = new AtomicBoolean(true);
            long[] measureFrom = {Long.MAX_VALUE};
            int[] unmatched = {0};
            try (HazardJobs.Running job =
                    HazardJobs.startLocal(
                            HazardJobConfig.defaults(kafka.bootstrapServers())
                                    .withGroupId("bench-latency")
                                    .withCheckpointInterval(
                                            Duration.ofSeconds(
                                                    intArg("checkpoint-seconds", 10))))) {
                while (job.status() != JobStatus.RUNNING) {
                    Thread.sleep(100);
                }
                Thread consumer =
                        new Thread(
                                () -> {
                                    try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
                                        c.subscribe(List.of(KafkaTopics.ALERTS));
                                        while (consuming.get()) {
                                            for (ConsumerRecord<byte[], byte[]> r :
                                                    c.poll(Duration.ofMillis(50))) {
                                                AlertEvent a = AlertEvent.CODEC.decode(r.value());
                                                int site =
                                                        Integer.parseInt(
                                                                a.site().value().substring(2));
                                                Long in =
                                                        readingAppend.get(
                                                                readingKey(
                                                                        site,
                                                                        a.time().toEpochMilli()));
                                                if (in == null) {
                                                    unmatched[0]++;
                                                } else if (in >= measureFrom[0]) {
                                                    matched.add(
                                                            new long[] {in, r.timestamp() - in});
                                                }
                                            }
                                        }
                                    }
                                },
                                "alert-consumer");
                consumer.start();

                try (KafkaProducer<byte[], byte[]> producer = producer(kafka, "all", 0)) {
                    long tick = 5;
                    int perTick = (int) (rate * tick / 1000);
                    long start = System.nanoTime();
                    long total = (long) rate * (warmup + seconds);
                    long sent = 0;
                    long step = 0;
                    int s = 0;
                    boolean wet = false;
                    long nextTick = start;
                    while (sent < total) {
                        if (sent == (long) rate * warmup) {
                            measureFrom[0] = System.currentTimeMillis();
                        }
                        for (int i = 0; i < perTick && sent < total; i++) {
                            TelemetryRecord r =
                                    wet
                                            ? BenchData.rain(s, step, 0.2)
                                            : BenchData.cyclingWater(s, step);
                            if (!wet) {
                                long key = readingKey(s, r.time().toEpochMilli());
                                producer.send(
                                        record(r),
                                        (md, e) -> {
                                            if (e == null) {
                                                readingAppend.put(key, md.timestamp());
                                            }
                                        });
                            } else {
                                producer.send(record(r));
                            }
                            sent++;
                            if (wet) {
                                s++;
                                if (s == sites) {
                                    s = 0;
                                    step++;
                                }
                            }
                            wet = !wet;
                        }
                        nextTick += tick * 1_000_000;
                        long sleep = nextTick - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                    }
                    double took = (System.nanoTime() - start) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "produced %,d readings in %.1f s (%,.0f/s)%n",
                            sent,
                            took,
                            sent / took);
                }
                Thread.sleep(10_000);
                consuming.set(false);
                consumer.join();
            }
            List<Long> lat = new ArrayList<>();
            synchronized (matched) {
                matched.forEach(m -> lat.add(m[1]));
            }
            lat.sort(Comparator.naturalOrder());
            if (lat.isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "RESULT latency: no alerts matched (%d unmatched)%n",
                        unmatched[0]);
                return;
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT latency at %,d readings/s, %,d sensors: %,d alerts measured (%d"
                            + " unmatched); p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d"
                            + " ms%n",
                    rate,
                    sensors,
                    lat.size(),
                    unmatched[0],
                    pct(lat, 0.50),
                    pct(lat, 0.90),
                    pct(lat, 0.99),
                    pct(lat, 0.999),
                    lat.get(lat.size() - 1));
        }
    }

    private static long readingKey(int site, long timeMillis) {
        return site * 1_000_000_000L + (timeMillis - BenchData.T0.toEpochMilli()) / 60_000;
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    // ---------------------------------------------------------------- state

    private void state() throws Exception {
        int sensors = intArg("sensors", 100_000);
        int steps = intArg("steps", 61);
        int sites = sensors / 2;
        Path checkpoints = dir.resolve("checkpoints");
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            createTopics(kafka, 2);
            produceConfigs(kafka, sites);
            HazardJobConfig config =
                    HazardJobConfig.defaults(kafka.bootstrapServers())
                            .withGroupId("bench-state")
                            .withStateBackend(
                                    HazardJobConfig.StateBackend.HASHMAP,
                                    Optional.of(checkpoints.toUri().toString()));
            try (HazardJobs.Running job = HazardJobs.startLocal(config)) {
                while (job.status() != JobStatus.RUNNING) {
                    Thread.sleep(100);
                }
                Thread.sleep(15_000);
                long before = heapAfterGc();
                long t = System.nanoTime();
                long total = 0;
                try (KafkaProducer<byte[], byte[]> producer = producer(kafka, "1", 20)) {
                    for (long step = 0; step < steps; step++) {
                        for (int s = 0; s < sites; s++) {
                            send(producer, BenchData.water(s, step, 2.5));
                            send(producer, BenchData.rain(s, step, 0.5));
                            total += 2;
                        }
                    }
                    producer.flush();
                }
                System.out.printf(
                        Locale.ROOT,
                        "produced %,d readings in %.1f s%n",
                        total,
                        (System.nanoTime() - t) / 1e9);
                awaitCommitted(kafka, "bench-state", total);
                System.out.printf(
                        Locale.ROOT,
                        "consumed and checkpointed after %.1f s%n",
                        (System.nanoTime() - t) / 1e9);
                long after = heapAfterGc();
                Thread.sleep(CHECKPOINTS.toMillis() + 2_000);
                long checkpointBytes = latestCheckpointBytes(checkpoints);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT state: %,d sensors (%,d gateways), %d readings each: heap after GC"
                                + " %,d MB before, %,d MB after → %,d bytes per sensor on the heap;"
                                + " checkpoint %,d bytes → %,d bytes per sensor serialized; max"
                                + " heap %,d MB%n",
                        sensors,
                        sites,
                        steps,
                        before >> 20,
                        after >> 20,
                        (after - before) / sensors,
                        checkpointBytes,
                        checkpointBytes / sensors,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void awaitCommitted(KafkaBroker kafka, String group, long total)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long committed = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getKey().topic().equals(KafkaTopics.TELEMETRY) && e.getValue() != null) {
                        committed += e.getValue().offset();
                    }
                }
                if (committed >= total) {
                    return;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static long latestCheckpointBytes(Path root) throws IOException {
        Optional<Path> latest;
        try (Stream<Path> all = Files.walk(root)) {
            latest =
                    all.filter(p -> p.getFileName().toString().startsWith("chk-"))
                            .max(
                                    Comparator.comparingInt(
                                            p ->
                                                    Integer.parseInt(
                                                            p.getFileName()
                                                                    .toString()
                                                                    .substring(4))));
        }
        if (latest.isEmpty()) {
            return -1;
        }
        // Small state is inlined in the _metadata file; larger state is in files beside it or in
        // the shared directory (hashmap backend: full checkpoints, so all of it is recent).
        long bytes = 0;
        try (Stream<Path> files = Files.walk(latest.get().getParent())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)
                        && (p.startsWith(latest.get()) || !p.toString().contains("chk-"))) {
                    bytes += Files.size(p);
                }
            }
        }
        return bytes;
    }

    // ---------------------------------------------------------------- Kafka helpers

    private static void createTopics(KafkaBroker kafka, int partitions) throws Exception {
        Map<String, String> append = Map.of("message.timestamp.type", "LogAppendTime");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(KafkaTopics.TELEMETRY, partitions, (short) 1)
                                            .configs(append),
                                    new NewTopic(KafkaTopics.SITE_CONFIG, 1, (short) 1)
                                            .configs(Map.of("cleanup.policy", "compact")),
                                    new NewTopic(KafkaTopics.ALERTS, 1, (short) 1).configs(append)))
                    .all()
                    .get();
        }
    }

    private static void produceConfigs(KafkaBroker kafka, int sites) {
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka, "all", 5)) {
            for (int i = 0; i < sites; i++) {
                SiteConfig site = BenchData.site(i);
                producer.send(
                        new ProducerRecord<>(
                                KafkaTopics.SITE_CONFIG,
                                site.site().value().getBytes(StandardCharsets.UTF_8),
                                SiteConfig.CODEC.encode(site)));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(
            KafkaBroker kafka, String acks, int lingerMs) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        acks,
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMs,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                        ByteArraySerializer.class));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaBroker kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-alerts",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class));
    }

    /** A {@code cb.telemetry.v1} record: a pack of one gateway's readings, keyed by gateway. */
    private static ProducerRecord<byte[], byte[]> record(TelemetryRecord... readings) {
        List<Reading> pack = new ArrayList<>(readings.length);
        for (TelemetryRecord r : readings) {
            pack.add(r.reading());
        }
        TelemetryPack p = TelemetryPack.of(readings[0].gateway(), readings[0].receivedAt(), pack);
        return new ProducerRecord<>(
                KafkaTopics.TELEMETRY,
                p.key().getBytes(StandardCharsets.UTF_8),
                TelemetryPack.CODEC.encode(p));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, TelemetryRecord... readings) {
        producer.send(record(readings));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
