package vn.canhbao.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestService;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Load driver (not a test): starts Mosquitto (child process) and Kafka (in this JVM), then measures
 * in one run, with the same pre-encoded messages of 5–20 readings:
 *
 * <ol>
 *   <li>throughput of the bare forwarder (baseline: MQTT message → one unparsed Kafka record);
 *   <li>throughput of N ingest instances on the shared subscription (validation, dedup, one record
 *       per message), checking zero loss and no duplicate;
 *   <li>latency MQTT publish → Kafka append (topic with {@code LogAppendTime}) at a paced rate, for
 *       ingest and for the forwarder.
 * </ol>
 *
 * Run (see the module README): {@code java -cp … vn.canhbao.ingest.bench.IngestLoadDriver
 * [--messages 40000] [--instances 2] [--connections 1] [--rounds 3] [--rate 10000]
 * [--latency-seconds 20]}: the forwarder subscribes as many times as the ingest instances open MQTT
 * connections in all ({@code instances × connections}); the throughput is measured in rounds
 * (forwarder, then ingest, fresh sequence numbers each round), the first ones warming up the JIT;
 * the last round's figures and ratio are the result.
 */
public final class IngestLoadDriver {
    private static final String RAW_TOPIC = "bench.raw.v1";
    private static final int GATEWAYS = 200;
    private static final int PUBLISHERS = 2;

    private IngestLoadDriver() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        int messages = Integer.parseInt(opts.getOrDefault("--messages", "40000"));
        int instances = Integer.parseInt(opts.getOrDefault("--instances", "2"));
        int rate = Integer.parseInt(opts.getOrDefault("--rate", "10000"));
        int latencySeconds = Integer.parseInt(opts.getOrDefault("--latency-seconds", "20"));
        int rounds = Integer.parseInt(opts.getOrDefault("--rounds", "3"));
        int connections =
                Integer.parseInt(
                        opts.getOrDefault(
                                "--connections",
                                Integer.toString(IngestConfig.DEFAULT_MQTT_CONNECTIONS)));
        Path dir = Files.createTempDirectory("ingest-bench");
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try (MosquittoBroker mqtt = MosquittoBroker.start(dir.resolve("mosquitto"));
                KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            createTopics(kafka);
            // Throughput, in rounds: forwarder then ingest with the same messages; every round has
            // fresh sequence numbers (ingest's dedup has seen none of them). The first rounds warm
            // the JIT up for both paths (C2 compiles for seconds here); the last round counts.
            long totalReadings = 0;
            double fwd = 0;
            double ing = 0;
            for (int round = 1; round <= rounds; round++) {
                List<Msg> load = encode(messages, (round - 1) * 1_000_000L, new Random(41 + round));
                long readings = load.stream().mapToLong(m -> m.readings).sum();
                totalReadings += readings;
                System.out.printf(
                        Locale.ROOT,
                        "round %d of %d%s: %d messages, %d readings (%.1f per message), %d gateways, %d bytes avg%n",
                        round,
                        rounds,
                        round < rounds ? " (warm-up)" : "",
                        load.size(),
                        readings,
                        readings / (double) load.size(),
                        GATEWAYS,
                        load.stream().mapToLong(m -> m.payload.length).sum() / load.size());
                List<BareForwarder> forwarders = new ArrayList<>();
                try {
                    // As many forwarder subscriptions as ingest opens in all: the same share of
                    // the broker's deliveries and the same number of Paho receive threads.
                    for (int c = 0; c < instances * connections; c++) {
                        forwarders.add(
                                new BareForwarder(
                                        mqtt.uri(),
                                        "fwd-" + (c + 1),
                                        "fwd",
                                        kafka.bootstrapServers(),
                                        RAW_TOPIC));
                    }
                    fwd =
                            throughput(
                                    "bare forwarder (" + forwarders.size() + " subscribers)",
                                    mqtt,
                                    kafka,
                                    load,
                                    RAW_TOPIC,
                                    load.size(),
                                    readings);
                } finally {
                    for (BareForwarder f : forwarders) {
                        f.close();
                    }
                }
                List<IngestService> ingest =
                        startIngest(mqtt, kafka, instances, connections, round);
                try {
                    ing =
                            throughput(
                                    "ingest (" + instances + " instances)",
                                    mqtt,
                                    kafka,
                                    load,
                                    KafkaTopics.TELEMETRY,
                                    load.size(), // one pack record per message
                                    readings);
                } finally {
                    ingest.forEach(IngestService::close);
                }
                System.out.printf(
                        Locale.ROOT, "round %d ratio ingest / forwarder: %.2f%n", round, ing / fwd);
            }
            checkExactlyOnce(kafka, totalReadings);
            System.out.printf(
                    Locale.ROOT, "ratio ingest / forwarder (last round): %.2f%n", ing / fwd);

            // Latency at a paced rate, fresh sequence numbers.
            List<IngestService> ingest =
                    startIngest(mqtt, kafka, instances, connections, rounds + 1);
            try {
                latency(
                        "ingest",
                        mqtt,
                        kafka,
                        KafkaTopics.TELEMETRY,
                        rate,
                        latencySeconds,
                        rounds * 1_000_000L); // above every throughput round's seq
            } finally {
                ingest.forEach(IngestService::close);
            }
            try (BareForwarder f1 =
                    new BareForwarder(
                            mqtt.uri(), "fwd-3", "fwd", kafka.bootstrapServers(), RAW_TOPIC)) {
                latency(
                        "bare forwarder",
                        mqtt,
                        kafka,
                        RAW_TOPIC,
                        rate,
                        latencySeconds,
                        messages * 3);
            }
        }
        System.exit(0);
    }

    private record Msg(GatewayId gateway, byte[] payload, int readings) {}

    private static void createTopics(KafkaBroker kafka) throws Exception {
        Map<String, String> logAppend = Map.of("message.timestamp.type", "LogAppendTime");
        kafka.admin()
                .createTopics(
                        List.of(
                                new NewTopic(KafkaTopics.TELEMETRY, 6, (short) 1)
                                        .configs(logAppend),
                                new NewTopic(KafkaTopics.TELEMETRY_DLQ, 1, (short) 1),
                                new NewTopic(RAW_TOPIC, 6, (short) 1).configs(logAppend)))
                .all()
                .get();
    }

    /** Messages round-robin over the gateways, 5–20 readings each, seq from {@code firstSeq}. */
    private static List<Msg> encode(int count, long firstSeq, Random random) {
        SenmlCodec codec = new SenmlCodec();
        long[] seq = new long[GATEWAYS];
        Arrays.fill(seq, firstSeq);
        Instant t =
                Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Msg> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int g = i % GATEWAYS;
            out.add(message(codec, g, seq, 5 + random.nextInt(16), t));
        }
        return out;
    }

    private static Msg message(SenmlCodec codec, int g, long[] seq, int n, Instant t) {
        GatewayId gw = GatewayId.of(String.format(Locale.ROOT, "gw-bench-%03d", g));
        List<Reading> rs = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            boolean rain = r % 2 == 1;
            rs.add(
                    new Reading(
                            gw,
                            SensorId.of((rain ? "rg-" : "wl-") + (r / 2)),
                            rain ? Quantity.RAIN : Quantity.WATER_LEVEL,
                            rain ? 0.5 * r : 1.0 + r / 100.0,
                            t,
                            seq[g]++));
        }
        return new Msg(gw, codec.encode(new ReadingBatch(gw, rs)), n);
    }

    private static List<MqttAsyncClient> publishers(MosquittoBroker mqtt) throws MqttException {
        List<MqttAsyncClient> out = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            MqttAsyncClient c =
                    new MqttAsyncClient(
                            mqtt.uri(),
                            "bench-pub-" + i + "-" + System.nanoTime(),
                            new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(15_000);
            out.add(c);
        }
        return out;
    }

    /**
     * Publishes all messages as fast as the broker acknowledges them (QoS 1, 500 in flight each).
     */
    private static double throughput(
            String name,
            MosquittoBroker mqtt,
            KafkaBroker kafka,
            List<Msg> load,
            String topic,
            long expectedRecords,
            long readings)
            throws Exception {
        long before = endOffsets(kafka, topic);
        List<MqttAsyncClient> pubs = publishers(mqtt);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            MqttAsyncClient client = pubs.get(p);
            int offset = p;
            Thread t =
                    new Thread(
                            () -> {
                                Semaphore inflight = new Semaphore(500);
                                MqttActionListener release =
                                        new MqttActionListener() {
                                            @Override
                                            public void onSuccess(IMqttToken token) {
                                                inflight.release();
                                            }

                                            @Override
                                            public void onFailure(IMqttToken token, Throwable e) {
                                                inflight.release();
                                                System.err.println("publish failed: " + e);
                                            }
                                        };
                                try {
                                    for (int i = offset; i < load.size(); i += PUBLISHERS) {
                                        inflight.acquire();
                                        Msg m = load.get(i);
                                        MqttMessage mm = new MqttMessage(m.payload);
                                        mm.setQos(1);
                                        client.publish(
                                                MqttTopics.telemetry(m.gateway), mm, null, release);
                                    }
                                    inflight.acquire(500);
                                } catch (MqttException | InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long published = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long got;
        while ((got = endOffsets(kafka, topic) - before) < expectedRecords
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        for (MqttAsyncClient c : pubs) {
            c.disconnect().waitForCompletion(15_000);
            c.close();
        }
        double secs = (end - start) / 1e9;
        double rate = readings / secs;
        System.out.printf(
                Locale.ROOT,
                "%-32s %,10.0f readings/s  %,8.0f msgs/s  (%d of %d records in %.2f s; publishing took %.2f s)%s%n",
                name,
                rate,
                load.size() / secs,
                got,
                expectedRecords,
                secs,
                (published - start) / 1e9,
                got == expectedRecords ? "  zero loss" : "  MISMATCH");
        return rate;
    }

    /**
     * Ingest instances of {@code round}: their own share group and a session that ends a second
     * after the connection, so no round's messages wait on the broker for another round's ingest.
     */
    private static List<IngestService> startIngest(
            MosquittoBroker mqtt, KafkaBroker kafka, int n, int connections, int round) {
        List<IngestService> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IngestService s =
                    new IngestService(
                            IngestConfig.of(
                                            mqtt.uri(),
                                            "bench-ingest-" + round + "-" + i,
                                            kafka.bootstrapServers())
                                    .withShareGroup("bench-" + round)
                                    .withMqttConnections(connections)
                                    .withSessionExpiry(Duration.ofSeconds(1)));
            s.start();
            out.add(s);
        }
        return out;
    }

    /** Every (gateway, seq) exactly once in cb.telemetry.v1. */
    private static void checkExactlyOnce(KafkaBroker kafka, long expected) {
        Map<String, long[]> seen = new HashMap<>();
        long records = 0;
        long dup = 0;
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            List<TopicPartition> tps = partitions(c, KafkaTopics.TELEMETRY);
            c.assign(tps);
            c.seekToBeginning(tps);
            java.util.Set<String> keys = new java.util.HashSet<>();
            long end = endOffsets(kafka, KafkaTopics.TELEMETRY);
            while (records < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    for (TelemetryRecord t : TelemetryPack.CODEC.decode(r.value()).records()) {
                        if (!keys.add(t.gateway().value() + "#" + t.seq())) {
                            dup++;
                        }
                    }
                    records++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "check: %d records, %d distinct (gateway, seq), %d duplicates, expected %d -> %s%n",
                    records,
                    keys.size(),
                    dup,
                    expected,
                    keys.size() == expected && dup == 0 ? "OK" : "FAILED");
        }
    }

    /**
     * Publishes at {@code rate} readings/s for {@code seconds} (messages of 5–20 readings, the
     * reading time = publish time) and reports Kafka append time minus publish time.
     */
    private static void latency(
            String name,
            MosquittoBroker mqtt,
            KafkaBroker kafka,
            String topic,
            int rate,
            int seconds,
            long firstSeq)
            throws Exception {
        List<MqttAsyncClient> pubs = publishers(mqtt);
        MqttAsyncClient pub = pubs.get(0);
        SenmlCodec codec = new SenmlCodec();
        long[] seq = new long[GATEWAYS];
        Arrays.fill(seq, firstSeq);
        Random random = new Random(7);
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            List<TopicPartition> tps = partitions(c, topic);
            c.assign(tps);
            c.seekToEnd(tps);
            tps.forEach(c::position);
            long start = System.nanoTime();
            long total = 0;
            int g = 0;
            long warmupEnd = start + TimeUnit.SECONDS.toNanos(3);
            java.util.Map<String, Long> publishedAt =
                    new java.util.concurrent.ConcurrentHashMap<>();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                long due = start + (long) (total * 1e9 / rate);
                long now = System.nanoTime();
                if (due > now) {
                    // drain the consumer while waiting
                    poll(
                            c,
                            Duration.ofMillis(Math.max(1, (due - now) / 1_000_000)),
                            topic,
                            latencies,
                            warmupEnd);
                    continue;
                }
                int n = 5 + random.nextInt(16);
                Instant t = Instant.ofEpochMilli(System.currentTimeMillis());
                Msg m = message(codec, g, seq, n, t);
                g = (g + 1) % GATEWAYS;
                MqttMessage mm = new MqttMessage(m.payload);
                mm.setQos(1);
                pub.publish(MqttTopics.telemetry(m.gateway), mm);
                total += n;
            }
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < drainUntil) {
                poll(c, Duration.ofMillis(100), topic, latencies, warmupEnd);
            }
        }
        for (MqttAsyncClient p : pubs) {
            p.disconnect().waitForCompletion(15_000);
            p.close();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(name + " latency: no samples");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "latency %-16s at %,d readings/s for %d s (after 3 s warm-up): %d samples, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                name,
                rate,
                seconds,
                sorted.length,
                sorted[(int) (sorted.length * 0.50)],
                sorted[(int) (sorted.length * 0.95)],
                sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)],
                sorted[sorted.length - 1]);
    }

    /** One sample per record: append time minus the reading's time (= its publish time). */
    private static void poll(
            KafkaConsumer<String, byte[]> c,
            Duration timeout,
            String topic,
            List<Long> latencies,
            long warmupEnd) {
        SenmlCodec codec = new SenmlCodec();
        for (ConsumerRecord<String, byte[]> r : c.poll(timeout)) {
            if (System.nanoTime() < warmupEnd) {
                continue;
            }
            long published;
            if (topic.equals(RAW_TOPIC)) {
                GatewayId gw = MqttTopics.gatewayOf(r.key());
                published = codec.decode(r.value(), gw).readings().get(0).time().toEpochMilli();
            } else {
                published =
                        TelemetryPack.CODEC
                                .decode(r.value())
                                .readings()
                                .get(0)
                                .time()
                                .toEpochMilli();
            }
            latencies.add(r.timestamp() - published);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaBroker kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        10,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        c.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
        return tps;
    }

    private static long endOffsets(KafkaBroker kafka, String topic) {
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            return c.endOffsets(partitions(c, topic)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
