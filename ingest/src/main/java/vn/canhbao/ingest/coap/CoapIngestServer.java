package vn.canhbao.ingest.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.kafka.ProducerSettings;
import vn.canhbao.ingest.telemetry.RecordSink;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * The CoAP door for cellular sensors that talk to the center directly: {@code coaps://host:5684/
 * telemetry} (DTLS 1.2, PSK cipher suites, the PSK identity is the gateway id), and optionally a
 * plain {@code coap://} port for the lab. Behaviour per request: {@link TelemetryResource}.
 *
 * <p><b>Guarantee: at-least-once.</b> 2.04 is sent only after Kafka acknowledged every record
 * ({@code acks=all}, idempotent producer: {@link ProducerSettings}); a device that gets no 2.04
 * (5.03, timeout, lost datagram) sends the pack again, so a pack may reach Kafka twice; consumers
 * deduplicate by (gateway, seq).
 */
public final class CoapIngestServer implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapIngestConfig config;
    private final EndpointWiring wiring;
    private CoapServer server;

    /** Owns a Kafka producer of its own. */
    public CoapIngestServer(CoapIngestConfig config) {
        this(
                config,
                EndpointWiring.ownProducer(
                        config.kafkaBootstrapServers(),
                        "ingest-coap",
                        config.kafkaDeliveryTimeout()));
    }

    /** Writes through {@code sink} (shared, or a test double); does not close it. */
    public CoapIngestServer(CoapIngestConfig config, RecordSink sink) {
        this(config, EndpointWiring.through(config.kafkaBootstrapServers(), sink));
    }

    /**
     * Through the MQTT path's pipeline ({@code IngestService#pipeline()}): the same registry
     * checks, time limits, deduplication by (gateway, seq), pending-sensor reports, producer and
     * metrics. What runs beside an {@code IngestService} should use this.
     */
    public CoapIngestServer(CoapIngestConfig config, TelemetryPipeline pipeline) {
        this(config, EndpointWiring.shared(pipeline));
    }

    private CoapIngestServer(CoapIngestConfig config, EndpointWiring wiring) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = wiring;
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("CoapIngestServer already started");
        }
        Configuration cf = Configuration.createStandardWithoutFile();
        // Blockwise bodies up to twice the limit reach the resource (4.13 with a dead letter);
        // larger ones are refused by Californium itself with 4.13.
        cf.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 2 * config.maxPayloadBytes());
        DirectIngest ingest = wiring.directIngest(config.maxPayloadBytes());
        CoapServer s = new CoapServer(cf);
        s.add(new TelemetryResource(ingest, config.maxPayloadBytes()));

        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        config.gatewayKeys()
                .forEach(
                        (gw, key) -> keys.setKey(gw.value(), key.getBytes(StandardCharsets.UTF_8)));
        DtlsConnectorConfig dtls =
                DtlsConnectorConfig.builder(cf)
                        .setAddress(new InetSocketAddress(config.bindHost(), config.dtlsPort()))
                        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                        .setAsList(
                                DtlsConfig.DTLS_CIPHER_SUITES,
                                CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                                CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
                                CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256)
                        .setAdvancedPskStore(keys)
                        .build();
        s.addEndpoint(
                new CoapEndpoint.Builder()
                        .setConfiguration(cf)
                        .setConnector(new DTLSConnector(dtls))
                        .build());
        config.insecurePort()
                .ifPresent(
                        port ->
                                s.addEndpoint(
                                        new CoapEndpoint.Builder()
                                                .setConfiguration(cf)
                                                .setInetSocketAddress(
                                                        new InetSocketAddress(
                                                                config.bindHost(), port))
                                                .build()));
        s.start();
        server = s;
    }

    public IngestMetrics metrics() {
        return wiring.metrics();
    }

    /** Stops both endpoints, then flushes and closes its own Kafka producer. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.destroy();
            server = null;
        }
        wiring.close();
    }
}
