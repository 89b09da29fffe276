package vn.canhbao.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one ingest instance until the JVM is stopped.
 *
 * <pre>
 * java vn.canhbao.ingest.IngestMain --mqtt tcp://127.0.0.1:1883 --kafka 127.0.0.1:9092 \
 *     [--client-id ingest-1] [--share-group ingest] [--max-payload-bytes 262144] \
 *     [--session-expiry PT1H] [--kafka-delivery-timeout PT30S]
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
                    "--kafka-delivery-timeout");

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
                            + " [--kafka-delivery-timeout PT30S]");
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
