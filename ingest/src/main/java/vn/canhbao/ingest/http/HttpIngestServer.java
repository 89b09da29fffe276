package vn.canhbao.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.coap.EndpointWiring;
import vn.canhbao.ingest.telemetry.RecordSink;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * The HTTP backfill door: {@code POST /v1/telemetry/batch} with {@code Authorization: Bearer
 * <gateway token>} and a body of SenML packs, {@code application/x-ndjson} (one pack per line) or
 * {@code application/json} (an array of packs). See {@link BatchUpload} for the report and its
 * status codes; 401 without a known token, 405 for other methods, 413 for a body over {@code
 * maxBodyBytes}, 415 for other content types.
 *
 * <p><b>Guarantee: at-least-once.</b> The response is sent only after Kafka acknowledged (or
 * failed) every pack. Authentication is an interim per-gateway bearer token (mTLS is issue 5); the
 * server speaks plain HTTP on {@code bindHost}. Uses the JDK's {@code com.sun.net.httpserver} with
 * a small pool of handler threads (each upload blocks one while Kafka acknowledges).
 */
public final class HttpIngestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestServer.class);
    public static final String PATH = "/v1/telemetry/batch";
    private static final int THREADS = 4;

    private final HttpIngestConfig config;
    private final EndpointWiring wiring;
    private final AtomicInteger unauthorized = new AtomicInteger();
    private HttpServer server;
    private ExecutorService executor;

    /** Owns a Kafka producer of its own. */
    public HttpIngestServer(HttpIngestConfig config) {
        this(
                config,
                EndpointWiring.ownProducer(
                        config.kafkaBootstrapServers(),
                        "ingest-http",
                        config.kafkaDeliveryTimeout()));
    }

    /** Writes through {@code sink} (shared, or a test double); does not close it. */
    public HttpIngestServer(HttpIngestConfig config, RecordSink sink) {
        this(config, EndpointWiring.through(config.kafkaBootstrapServers(), sink));
    }

    /**
     * Through the MQTT path's pipeline ({@code IngestService#pipeline()}): the same registry
     * checks, time limits, deduplication by (gateway, seq), pending-sensor reports, producer and
     * metrics. What runs beside an {@code IngestService} should use this.
     */
    public HttpIngestServer(HttpIngestConfig config, TelemetryPipeline pipeline) {
        this(config, EndpointWiring.shared(pipeline));
    }

    private HttpIngestServer(HttpIngestConfig config, EndpointWiring wiring) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = wiring;
    }

    /**
     * @throws IOException when the port cannot be bound
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("HttpIngestServer already started");
        }
        BatchUpload upload =
                new BatchUpload(
                        wiring.directIngest(config.maxPackBytes()),
                        config.maxPacks(),
                        config.kafkaDeliveryTimeout());
        HttpServer s =
                HttpServer.create(new InetSocketAddress(config.bindHost(), config.port()), 64);
        AtomicInteger n = new AtomicInteger();
        executor =
                Executors.newFixedThreadPool(
                        THREADS,
                        r -> {
                            Thread t = new Thread(r, "ingest-http-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        s.setExecutor(executor);
        s.createContext(
                PATH,
                exchange -> {
                    try (exchange) {
                        handle(exchange, upload);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn(
                                "HTTP upload from {} failed: {}",
                                exchange.getRemoteAddress(),
                                e.toString());
                    }
                });
        s.start();
        server = s;
    }

    public IngestMetrics metrics() {
        return wiring.metrics();
    }

    /** Requests refused for a missing or unknown bearer token. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex, BatchUpload upload) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            send(ex, 405, Map.of("error", "method: only POST"));
            return;
        }
        Optional<GatewayId> gateway =
                authenticate(ex.getRequestHeaders().getFirst("Authorization"));
        if (gateway.isEmpty()) {
            unauthorized.incrementAndGet();
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"canhbao\"");
            send(ex, 401, Map.of("error", "Authorization: expected the gateway's bearer token"));
            return;
        }
        String type =
                Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
                        .orElse("")
                        .split(";")[0]
                        .trim()
                        .toLowerCase(Locale.ROOT);
        BatchParser.Format format;
        if (type.equals("application/x-ndjson")) {
            format = BatchParser.Format.NDJSON;
        } else if (type.equals("application/json") || type.equals("application/senml+json")) {
            format = BatchParser.Format.JSON_ARRAY;
        } else {
            send(
                    ex,
                    415,
                    Map.of(
                            "error",
                            "Content-Type: expected application/x-ndjson or application/json, got '"
                                    + type
                                    + "'"));
            return;
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > config.maxBodyBytes()) {
            drain(ex.getRequestBody(), config.maxBodyBytes());
            send(
                    ex,
                    413,
                    Map.of(
                            "error",
                            "body: "
                                    + length
                                    + " bytes, more than the limit of "
                                    + config.maxBodyBytes()));
            return;
        }
        Optional<byte[]> body = readAtMost(ex.getRequestBody(), config.maxBodyBytes());
        if (body.isEmpty()) {
            drain(ex.getRequestBody(), config.maxBodyBytes());
            send(
                    ex,
                    413,
                    Map.of(
                            "error",
                            "body: more than the limit of " + config.maxBodyBytes() + " bytes"));
            return;
        }
        BatchUpload.Report report = upload.upload(gateway.get(), body.get(), format);
        if (report.status() == 503) {
            ex.getResponseHeaders().set("Retry-After", "5");
        }
        send(ex, report.status(), report.body());
    }

    private Optional<GatewayId> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        Optional<GatewayId> found = Optional.empty();
        for (Map.Entry<GatewayId, String> e : config.gatewayTokens().entrySet()) {
            // constant time per comparison; every token is compared
            if (MessageDigest.isEqual(presented, e.getValue().getBytes(StandardCharsets.UTF_8))) {
                found = Optional.of(e.getKey());
            }
        }
        return found;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The body, or empty when it is longer than {@code max} (reading stops there). */
    private static Optional<byte[]> readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                return Optional.empty();
            }
            out.write(buf, 0, n);
        }
        return Optional.of(out.toByteArray());
    }

    /**
     * Reads and discards up to {@code limit} more bytes, so that a client still sending its body
     * receives the 413 instead of a connection reset; beyond that the connection is closed.
     */
    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total <= limit && (n = in.read(buf)) >= 0) {
            total += n;
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, json.length);
        ex.getResponseBody().write(json);
    }

    /** Stops accepting, lets running uploads finish (up to 5 s), closes its own producer. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(5);
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        wiring.close();
    }
}
