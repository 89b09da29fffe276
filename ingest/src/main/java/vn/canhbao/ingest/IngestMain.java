package vn.canhbao.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import vn.canhbao.ingest.telemetry.ReadingTimeLimits;

/**
 * Runs one ingest instance until the JVM is stopped.
 *
 * <pre>
 * java vn.canhbao.ingest.IngestMain --mqtt tcp://127.0.0.1:1883 --kafka 127.0.0.1:9092 \
 *     [--client-id ingest-1] [--share-group ingest] [--max-payload-bytes 262144] \
 *     [--session-expiry PT1H] [--kafka-delivery-timeout PT30S] [--require-registered-sensors true]
 *     [--max-future PT5M] [--max-age P30D] [--dedup-restore-horizon PT24H] [--metrics-port 9464]
 *     [--mqtt-connections 2]
 * </pre>
 */
public final class IngestMain {
    private static final Set<String> OPTIONS =
            Set.of(
                    "--mqtt",
                    "--kafka",
                    "--client-id",
                    "--share-group",
                    "--max-payload-bytes",
                    "--session-expiry",
                    "--kafka-delivery-timeout",
                    "--require-registered-sensors",
                    "--max-future",
                    "--max-age",
                    "--dedup-restore-horizon",
                    "--metrics-port",
                    "--mqtt-connections");

    private IngestMain() {}

    public static void main(String[] args) throws InterruptedException {
        IngestConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Lỗi cấu hình / Configuration error: " + e.getMessage());
            System.err.println(
                    "Usage: IngestMain --mqtt tcp://HOST:PORT --kafka HOST:PORT [--client-id ID]"
                            + " [--share-group GROUP] [--max-payload-bytes N] [--session-expiry PT1H]"
                            + " [--kafka-delivery-timeout PT30S] [--require-registered-sensors true]"
                            + " [--max-future PT5M] [--max-age P30D] [--dedup-restore-horizon PT24H]"
                            + " [--metrics-port 9464] [--mqtt-connections 2]");
            System.exit(2);
            return;
        }
        IngestService service = new IngestService(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    service.close();
                                    stopped.countDown();
                                },
                                "ingest-shutdown"));
        service.start();
        stopped.await();
    }

    /**
     * @throws IllegalArgumentException naming the option and value at fault
     */
    public static IngestConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + ": missing value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException(
                        name + ": unknown option, expected one of " + OPTIONS);
            }
            values.put(name, value);
        }
        String mqtt = required(values, "--mqtt");
        String kafka = required(values, "--kafka");
        IngestConfig config =
                IngestConfig.of(mqtt, values.getOrDefault("--client-id", "ingest-1"), kafka);
        if (values.containsKey("--share-group")) {
            config = config.withShareGroup(values.get("--share-group"));
        }
        if (values.containsKey("--max-payload-bytes")) {
            config = config.withMaxPayloadBytes(integer(values, "--max-payload-bytes"));
        }
        if (values.containsKey("--session-expiry")) {
            config = config.withSessionExpiry(duration(values, "--session-expiry"));
        }
        if (values.containsKey("--kafka-delivery-timeout")) {
            config = config.withKafkaDeliveryTimeout(duration(values, "--kafka-delivery-timeout"));
        }
        if (values.containsKey("--require-registered-sensors")) {
            String v = values.get("--require-registered-sensors");
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(
                        "--require-registered-sensors: expected true or false (got \"" + v + "\")");
            }
            config = config.withRequireRegisteredSensors(Boolean.parseBoolean(v));
        }
        if (values.containsKey("--max-future") || values.containsKey("--max-age")) {
            ReadingTimeLimits d = config.timeLimits();
            config =
                    config.withTimeLimits(
                            new ReadingTimeLimits(
                                    values.containsKey("--max-future")
                                            ? duration(values, "--max-future")
                                            : d.maxFuture(),
                                    values.containsKey("--max-age")
                                            ? duration(values, "--max-age")
                                            : d.maxAge()));
        }
        if (values.containsKey("--dedup-restore-horizon")) {
            config = config.withDedupRestoreHorizon(duration(values, "--dedup-restore-horizon"));
        }
        if (values.containsKey("--metrics-port")) {
            config = config.withMetricsPort(integer(values, "--metrics-port"));
        }
        if (values.containsKey("--mqtt-connections")) {
            config = config.withMqttConnections(integer(values, "--mqtt-connections"));
        }
        return config;
    }

    private static String required(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return v;
    }

    private static int integer(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + ": expected an integer (got \"" + values.get(name) + "\")", e);
        }
    }

    private static Duration duration(Map<String, String> values, String name) {
        try {
            return Duration.parse(values.get(name));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name
                            + ": expected an ISO-8601 duration such as PT30S (got \""
                            + values.get(name)
                            + "\")",
                    e);
        }
    }
}
