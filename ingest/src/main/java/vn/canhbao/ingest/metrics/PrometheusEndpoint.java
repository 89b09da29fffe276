package vn.canhbao.ingest.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import vn.canhbao.ingest.IngestMetrics;

/**
 * Serves {@link IngestMetrics} (and a few gauges) at {@code GET /metrics} in the Prometheus text
 * exposition format 0.0.4, with the JDK's HTTP server on one daemon thread. Metric names start with
 * {@code cb_ingest_}; every counter ends in {@code _total}.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final IngestMetrics metrics;
    private final Map<String, Gauge> gauges;

    /** A gauge: name without the {@code cb_ingest_} prefix, its help text and its source. */
    public record Gauge(String help, LongSupplier value) {}

    /**
     * Binds {@code port} on every interface (0 = a free port) and starts serving.
     *
     * @param gauges name (without prefix) to gauge, exported in this order
     * @throws UncheckedIOException when the port cannot be bound
     */
    public PrometheusEndpoint(int port, IngestMetrics metrics, Map<String, Gauge> gauges) {
        this(Objects.requireNonNull(metrics, "metrics"), port, gauges);
    }

    /** An endpoint of gauges only (e.g. the history writer's, in its own process). */
    public static PrometheusEndpoint gaugesOnly(int port, Map<String, Gauge> gauges) {
        return new PrometheusEndpoint(null, port, gauges);
    }

    /** {@code metrics} null: gauges only. */
    private PrometheusEndpoint(IngestMetrics metrics, int port, Map<String, Gauge> gauges) {
        this.metrics = metrics;
        this.gauges = new LinkedHashMap<>(gauges);
        try {
            this.server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics: cannot bind port " + port, e);
        }
        this.executor =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "ingest-metrics");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The exposition text (also used by tests). */
    public String render() {
        StringBuilder b = new StringBuilder(2048);
        if (metrics != null) {
            counters(b, metrics.snapshot());
        }
        gauges.forEach(
                (name, g) -> {
                    String full = "cb_ingest_" + name;
                    b.append("# HELP ").append(full).append(' ').append(g.help()).append('\n');
                    b.append("# TYPE ").append(full).append(" gauge\n");
                    b.append(full).append(' ').append(g.value().getAsLong()).append('\n');
                });
        return b.toString();
    }

    private static void counters(StringBuilder b, IngestMetrics.Snapshot s) {
        counter(
                b,
                "messages_received",
                "MQTT messages handled, redeliveries included",
                s.receivedMessages());
        counter(
                b,
                "readings_accepted",
                "Readings written to cb.telemetry.v1 and acknowledged by Kafka",
                s.acceptedReadings());
        labelled(
                b,
                "messages_rejected",
                "Messages refused whole, by field at fault",
                "field",
                s.rejectedByField());
        labelled(
                b,
                "readings_rejected",
                "Readings refused on their own, by reason",
                "reason",
                s.rejectedReadingsByReason());
        counter(
                b,
                "duplicates_dropped",
                "Readings dropped because their (gateway, seq) was already written",
                s.duplicatesDropped());
        counter(
                b,
                "beyond_window_dropped",
                "Readings dropped below their gateway's deduplication window",
                s.beyondWindowDropped());
        counter(
                b,
                "dead_letters",
                "Dead letters acknowledged by Kafka on cb.telemetry.dlq.v1",
                s.deadLetters());
        counter(
                b,
                "kafka_failures",
                "Messages whose Kafka writes failed (left unacknowledged for redelivery)",
                s.kafkaFailures());
        counter(b, "messages_acked", "MQTT messages acknowledged to the broker", s.ackedMessages());
        counter(
                b,
                "redelivery_requests",
                "Forced MQTT reconnects to get unacknowledged messages redelivered",
                s.redeliveryRequests());
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        String full = "cb_ingest_" + name + "_total";
        b.append("# HELP ").append(full).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(full).append(" counter\n");
        b.append(full).append(' ').append(value).append('\n');
    }

    private static void labelled(
            StringBuilder b, String name, String help, String label, Map<String, Long> values) {
        String full = "cb_ingest_" + name + "_total";
        b.append("# HELP ").append(full).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(full).append(" counter\n");
        values.forEach(
                (k, v) ->
                        b.append(full)
                                .append('{')
                                .append(label)
                                .append("=\"")
                                .append(escape(k))
                                .append("\"} ")
                                .append(v)
                                .append('\n'));
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
