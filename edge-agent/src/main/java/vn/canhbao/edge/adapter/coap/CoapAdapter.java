package vn.canhbao.edge.adapter.coap;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterCounters;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.SampleSink;
import vn.canhbao.edge.adapter.SensorAdapter;
import vn.canhbao.edge.adapter.senml.SenmlFormat;
import vn.canhbao.edge.adapter.senml.SensorSenmlDecoder;

/**
 * CoAP server (Californium) for sensors that POST or PUT SenML to {@code /s/{sensorId}}, over plain
 * UDP and/or DTLS 1.2 with a pre-shared key per sensor, and a CoAP client that observes configured
 * resources on sensors.
 *
 * <p>Responses: 2.04 Changed only after the sink took every sample of the pack (so a confirmable
 * request answered 2.04 is the agent's responsibility); 4.00 Bad Request with a text/plain
 * diagnostic {@code field: reason (got value)} for a bad pack (malformed JSON or CBOR, unknown
 * unit, NaN or infinite or out-of-range value, ...); 4.04 for a sensor not configured; 4.03 when a
 * DTLS peer posts for a sensor other than its PSK identity; 4.13 for a payload over {@code
 * maxPayloadBytes}; 4.15 for a content format other than 110 (SenML JSON) or 112 (SenML CBOR); 5.03
 * when the sink refused (the sensor should retry). Every 4.xx is counted and passed to {@link
 * SampleSink#reject}. Californium answers retransmitted confirmable requests from its exchange
 * store, so a retransmission does not deliver a pack twice; a new request with the same pack does.
 *
 * <p>Threads: Californium's protocol stage pool handles requests independently, so one sensor's bad
 * or slow request does not hold up another's; plus one scheduler thread for observe retries.
 */
public final class CoapAdapter implements SensorAdapter {
    public static final String NAME = "coap";

    /** The path segment under which sensors post: {@code /s/{sensorId}}. */
    public static final String SENSORS_PATH = "s";

    private static final Logger LOG = LoggerFactory.getLogger(CoapAdapter.class);

    private final CoapAdapterConfig config;
    private final Clock clock;
    private final AdapterCounters counters = new AdapterCounters(NAME);
    private final SensorSenmlDecoder decoder;
    private final List<CoapClient> observers = new CopyOnWriteArrayList<>();

    private CoapServer server;
    private CoapEndpoint plain;
    private CoapEndpoint dtls;
    private CoapEndpoint observeEndpoint;
    private ScheduledExecutorService retries;
    private volatile SampleSink sink;
    private volatile boolean closed;

    public CoapAdapter(CoapAdapterConfig config) {
        this(config, Clock.systemUTC());
    }

    public CoapAdapter(CoapAdapterConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoder =
                new SensorSenmlDecoder(
                        config.sensors(),
                        config.maxPayloadBytes(),
                        SensorSenmlDecoder.DEFAULT_MAX_RECORDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(SampleSink sink) {
        if (this.sink != null || closed) {
            throw new IllegalStateException("coap adapter already started or closed");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        Configuration cfg = configuration(config.maxPayloadBytes());
        server = new CoapServer(cfg);
        config.plainAddress()
                .ifPresent(
                        a -> {
                            plain =
                                    new CoapEndpoint.Builder()
                                            .setConfiguration(cfg)
                                            .setInetSocketAddress(a)
                                            .build();
                            server.addEndpoint(plain);
                        });
        config.dtlsAddress()
                .ifPresent(
                        a -> {
                            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
                            config.keys().forEach((id, k) -> store.setKey(id.value(), k.bytes()));
                            DtlsConnectorConfig dc =
                                    DtlsConnectorConfig.builder(cfg)
                                            .setAddress(a)
                                            .setAdvancedPskStore(store)
                                            .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                                            .build();
                            dtls =
                                    new CoapEndpoint.Builder()
                                            .setConfiguration(cfg)
                                            .setConnector(new DTLSConnector(dc))
                                            .build();
                            server.addEndpoint(dtls);
                        });
        server.add(new SensorsResource());
        if (plain != null || dtls != null) {
            server.start();
        }
        if (!config.observed().isEmpty()) {
            observeEndpoint = new CoapEndpoint.Builder().setConfiguration(cfg).build();
            try {
                observeEndpoint.start();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("coap: cannot open the observe endpoint", e);
            }
            retries =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "canhbao-coap-observe");
                                t.setDaemon(true);
                                return t;
                            });
            config.observed().forEach(this::observe);
        }
        LOG.info(
                "coap adapter up: plain {}, dtls {}, observing {}",
                plainAddress().map(Object::toString).orElse("off"),
                dtlsAddress().map(Object::toString).orElse("off"),
                config.observed().size());
    }

    /** The bound plain CoAP address (with the real port when configured with port 0). */
    public Optional<InetSocketAddress> plainAddress() {
        return Optional.ofNullable(plain).map(CoapEndpoint::getAddress);
    }

    /** The bound DTLS address (with the real port when configured with port 0). */
    public Optional<InetSocketAddress> dtlsAddress() {
        return Optional.ofNullable(dtls).map(CoapEndpoint::getAddress);
    }

    @Override
    public AdapterStats stats() {
        return counters.snapshot(sink != null && !closed);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (retries != null) {
            retries.shutdownNow();
        }
        observers.forEach(CoapClient::shutdown);
        if (observeEndpoint != null) {
            observeEndpoint.destroy();
        }
        if (server != null) {
            server.destroy();
        }
    }

    static Configuration configuration(int maxPayloadBytes) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration cfg = new Configuration(Configuration.createStandardWithoutFile());
        // Californium itself refuses bodies above this (4.13, uncounted); up to it, the adapter
        // sees oversized packs and refuses and counts them.
        cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxPayloadBytes * 4);
        return cfg;
    }

    private void observe(ObservedResource r) {
        if (closed) {
            return;
        }
        CoapClient client = new CoapClient(r.uri());
        client.setEndpoint(observeEndpoint);
        observers.add(client);
        String source = "coap observe " + r.uri();
        client.observe(
                new CoapHandler() {
                    @Override
                    public void onLoad(CoapResponse response) {
                        notification(r, source, response);
                    }

                    @Override
                    public void onError() {
                        LOG.info(
                                "coap: observing {} failed, again in {}",
                                r.uri(),
                                config.observeRetry());
                        observers.remove(client);
                        client.shutdown();
                        if (!closed) {
                            try {
                                retries.schedule(
                                        () -> observe(r),
                                        config.observeRetry().toMillis(),
                                        TimeUnit.MILLISECONDS);
                            } catch (java.util.concurrent.RejectedExecutionException e) {
                                // closing
                            }
                        }
                    }
                });
    }

    private void notification(ObservedResource r, String source, CoapResponse response) {
        Instant now = clock.instant();
        try {
            if (!response.isSuccess()) {
                throw new ContractViolation(
                        "code", response.getCode().toString(), "the sensor answered an error");
            }
            SenmlFormat format = format(response.getOptions().getContentFormat());
            List<Sample> samples = decoder.decode(response.getPayload(), format, r.sensor(), now);
            counters.deliver(sink, samples, now);
        } catch (ContractViolation cv) {
            counters.reject(sink, AdapterRejection.of(NAME, source, cv, now));
        }
    }

    private static SenmlFormat format(int contentFormat) {
        return SenmlFormat.ofContentFormat(contentFormat)
                .orElseThrow(
                        () ->
                                new ContractViolation(
                                        "content-format",
                                        contentFormat == MediaTypeRegistry.UNDEFINED
                                                ? "none"
                                                : String.valueOf(contentFormat),
                                        "expected 110 (application/senml+json) or 112"
                                                + " (application/senml+cbor)"));
    }

    /** {@code /s}: resolves any child name to a handler for that sensor id. */
    private final class SensorsResource extends CoapResource {
        SensorsResource() {
            super(SENSORS_PATH);
            setVisible(false);
        }

        @Override
        public Resource getChild(String name) {
            SensorResource child = new SensorResource(name);
            child.setParent(this);
            return child;
        }
    }

    private final class SensorResource extends CoapResource {
        SensorResource(String name) {
            super(name);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            handle(exchange, getName());
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            handle(exchange, getName());
        }
    }

    private static final class Refusal extends RuntimeException {
        final ResponseCode code;
        final ContractViolation violation;

        Refusal(ResponseCode code, ContractViolation violation) {
            super(violation.getMessage(), null, false, false);
            this.code = code;
            this.violation = violation;
        }
    }

    private void handle(CoapExchange exchange, String sensorName) {
        Instant now = clock.instant();
        String source =
                "coap "
                        + exchange.getSourceSocketAddress()
                        + " /"
                        + SENSORS_PATH
                        + "/"
                        + sensorName;
        List<Sample> samples;
        try {
            samples = decode(exchange, sensorName, now);
        } catch (Refusal r) {
            AdapterRejection rejection = AdapterRejection.of(NAME, source, r.violation, now);
            counters.reject(sink, rejection);
            exchange.respond(r.code, rejection.diagnostic(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        if (counters.deliver(sink, samples, now)) {
            exchange.respond(ResponseCode.CHANGED);
        } else {
            exchange.respond(
                    ResponseCode.SERVICE_UNAVAILABLE,
                    "the gateway could not store the readings, retry later",
                    MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private List<Sample> decode(CoapExchange exchange, String sensorName, Instant now) {
        SensorId sensor;
        try {
            sensor = config.sensors().require(sensorName, "path");
        } catch (ContractViolation cv) {
            throw new Refusal(ResponseCode.NOT_FOUND, cv);
        }
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        if (peer instanceof PreSharedKeyIdentity psk && !psk.getIdentity().equals(sensor.value())) {
            throw new Refusal(
                    ResponseCode.FORBIDDEN,
                    new ContractViolation(
                            "path",
                            sensorName,
                            "DTLS identity " + psk.getIdentity() + " may only post for itself"));
        }
        int size = exchange.getRequestPayloadSize();
        if (size > config.maxPayloadBytes()) {
            throw new Refusal(
                    ResponseCode.REQUEST_ENTITY_TOO_LARGE,
                    new ContractViolation(
                            "payload",
                            size + " bytes",
                            "payload too large, at most " + config.maxPayloadBytes() + " bytes"));
        }
        SenmlFormat format;
        try {
            format = format(exchange.getRequestOptions().getContentFormat());
        } catch (ContractViolation cv) {
            throw new Refusal(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, cv);
        }
        try {
            return decoder.decode(exchange.getRequestPayload(), format, sensor, now);
        } catch (ContractViolation cv) {
            throw new Refusal(ResponseCode.BAD_REQUEST, cv);
        }
    }
}
