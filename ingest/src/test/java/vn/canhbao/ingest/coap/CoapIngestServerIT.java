package vn.canhbao.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.ingest.TelemetryTopic;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * The CoAP endpoint with a real Kafka: Californium's DTLS-PSK client, and libcoap's {@code
 * coap-client-notls} on the plain-UDP port.
 */
class CoapIngestServerIT {
    private static final GatewayId GW = GatewayId.of("gw-tra-leng");
    private static final GatewayId OTHER = GatewayId.of("gw-nam-cang");
    private static final String KEY = "tra-leng-secret-key-0001";
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final SenmlCodec SENML = new SenmlCodec();

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    @TempDir Path dir;

    private KafkaBroker kafka;
    private CoapIngestServer server;
    private CoapIngestConfig config;
    private final List<CoapEndpoint> clientEndpoints = new ArrayList<>();

    @BeforeEach
    void start() {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 3, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        config =
                CoapIngestConfig.of(
                                FreePorts.next(),
                                Map.of(GW, KEY, OTHER, "nam-cang-secret-key-0002"),
                                kafka.bootstrapServers())
                        .withInsecurePort(FreePorts.next())
                        .withMaxPayloadBytes(2048);
        server = new CoapIngestServer(config);
        server.start();
    }

    @AfterEach
    void stop() {
        clientEndpoints.forEach(CoapEndpoint::destroy);
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void jsonAndCborPacksOverDtlsAreOnKafkaWhenTheGatewayGets204() throws Exception {
        CoapClient client = dtlsClient(GW.value(), KEY);

        CoapResponse json = client.post(SENML.encode(batch(GW, 0, 5)), 110);
        CoapResponse cbor = client.post(CborPacks.encode(batch(GW, 5, 5)), 112);

        assertThat(json.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(cbor.getCode()).isEqualTo(ResponseCode.CHANGED);
        // 2.04 came after Kafka's acknowledgement: all ten are readable right away
        List<TelemetryRecord> records = TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 10));
        assertThat(records)
                .extracting(TelemetryRecord::seq)
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(records).allSatisfy(r -> assertThat(r.gateway()).isEqualTo(GW));
    }

    @Test
    void aGatewaySendingAsAnotherGets400NamingTheFieldAndADeadLetter() throws Exception {
        CoapClient client = dtlsClient(GW.value(), KEY);

        CoapResponse forged = client.post(SENML.encode(batch(OTHER, 0, 3)), 110);

        assertThat(forged.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(forged.getResponseText()).contains("bn");
        ConsumerRecord<String, byte[]> dead = read(KafkaTopics.TELEMETRY_DLQ, 1).get(0);
        assertThat(dead.key()).isEqualTo(GW.value());
        assertThat(header(dead, KafkaTopics.DLQ_SOURCE)).isEqualTo("coaps:/telemetry");
        assertThat(header(dead, KafkaTopics.DLQ_FIELD)).isEqualTo("[0].bn");
        assertThat(server.metrics().snapshot().rejectedByField()).containsEntry("bn", 1L);

        // and the URI cannot name another gateway either
        CoapClient asOther = dtlsClient(GW.value(), KEY);
        asOther.setURI("coaps://127.0.0.1:" + config.dtlsPort() + "/telemetry/" + OTHER.value());
        assertThat(asOther.post(SENML.encode(batch(OTHER, 0, 1)), 110).getCode())
                .isEqualTo(ResponseCode.FORBIDDEN);
    }

    @Test
    void aBadCborValueGets400AndGoodPacksBehindItStillPass() throws Exception {
        CoapClient client = dtlsClient(GW.value(), KEY);
        // [{-2: "gw-tra-leng/", 0: "wl-tra-leng/water_level", 1: "m", 2: "high", 6: 1.8e9,
        // "seq_": 1}]: a text where the value must be a number
        byte[] bad = CborPacks.withTextValue(GW, "wl-tra-leng/water_level", "high");

        CoapResponse rejected = client.post(bad, 112);
        CoapResponse good = client.post(CborPacks.encode(batch(GW, 100, 2)), 112);

        assertThat(rejected.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(rejected.getResponseText()).contains("[0].v");
        assertThat(good.getCode()).isEqualTo(ResponseCode.CHANGED);
        ConsumerRecord<String, byte[]> dead = read(KafkaTopics.TELEMETRY_DLQ, 1).get(0);
        assertThat(dead.value()).isEqualTo(bad); // the original CBOR bytes
        assertThat(header(dead, DirectIngest.DLQ_CONTENT_TYPE)).isEqualTo("application/senml+cbor");
    }

    @Test
    void anOversizePackGets413AndItsHeadIsDeadLettered() throws Exception {
        CoapClient client = dtlsClient(GW.value(), KEY);
        byte[] big = SENML.encode(batch(GW, 0, 40)); // > 2048 bytes: sent blockwise
        assertThat(big.length).isGreaterThan(2048);

        CoapResponse r = client.post(big, 110);

        assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        assertThat(r.getOptions().getSize1()).isEqualTo(2048);
        ConsumerRecord<String, byte[]> dead = read(KafkaTopics.TELEMETRY_DLQ, 1).get(0);
        assertThat(dead.value()).hasSize(2048);
        assertThat(header(dead, "cb-original-bytes")).isEqualTo(Integer.toString(big.length));
    }

    @Test
    void aWrongKeyGetsNothingIn() throws Exception {
        CoapClient client = dtlsClient(GW.value(), "not-the-right-key-at-all");
        client.setTimeout(3000L);

        CoapResponse r;
        try {
            r = client.post(SENML.encode(batch(GW, 0, 1)), 110);
        } catch (IOException e) {
            r = null; // handshake failure
        }

        assertThat(r).isNull();
        assertThat(server.metrics().snapshot().receivedMessages()).isZero();
    }

    @Test
    void libcoapsClientPostsJsonAndCborOverPlainUdp() throws Exception {
        assumeTrue(
                onPath("coap-client-notls"), "coap-client-notls (libcoap3-bin) is not installed");
        Path json = dir.resolve("pack.json");
        Files.write(json, SENML.encode(batch(GW, 0, 3)));
        Path cbor = dir.resolve("pack.cbor");
        Files.write(cbor, CborPacks.encode(batch(GW, 3, 3)));
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "[{\"bn\":\"gw-tra-leng/\",\"n\":\"wl-tra-leng/water_level\",\"u\":\"cm\",\"v\":1,\"t\":1.8e9,\"seq_\":9}]");
        String uri =
                "coap://127.0.0.1:" + config.insecurePort().getAsInt() + "/telemetry/" + GW.value();

        String okJson = coapClient("-m", "post", "-t", "110", "-f", json.toString(), uri);
        String okCbor = coapClient("-m", "post", "-t", "112", "-f", cbor.toString(), uri);
        String rejected = coapClient("-m", "post", "-t", "110", "-f", bad.toString(), uri);

        assertThat(okJson).doesNotContain("4.").doesNotContain("5.");
        assertThat(okCbor).doesNotContain("4.").doesNotContain("5.");
        assertThat(rejected).contains("4.00").contains("[0].u");
        assertThat(TelemetryTopic.unpack(read(KafkaTopics.TELEMETRY, 6))).hasSize(6);
        ConsumerRecord<String, byte[]> dead = read(KafkaTopics.TELEMETRY_DLQ, 1).get(0);
        assertThat(header(dead, KafkaTopics.DLQ_SOURCE)).isEqualTo("coap:/telemetry/gw-tra-leng");
    }

    @Test
    void aKafkaFailureGets503AndNo204() throws Exception {
        server.close();
        config = config.withInsecurePort(FreePorts.next());
        server =
                new CoapIngestServer(
                        config,
                        w -> CompletableFuture.failedFuture(new IOException("kafka is down")));
        server = restartWith(server);
        CoapClient client = dtlsClient(GW.value(), KEY);

        CoapResponse r = client.post(SENML.encode(batch(GW, 0, 1)), 110);

        assertThat(r.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(r.getOptions().getMaxAge()).isEqualTo(5);
        assertThat(server.metrics().snapshot().kafkaFailures()).isEqualTo(1);
    }

    private CoapIngestServer restartWith(CoapIngestServer s) {
        s.start();
        return s;
    }

    private static ReadingBatch batch(GatewayId gw, int from, int n) {
        List<Reading> readings = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            readings.add(
                    new Reading(
                            gw,
                            SensorId.of("wl-" + gw.value().substring(3)),
                            Quantity.WATER_LEVEL,
                            1 + i / 100.0,
                            T0.plusSeconds(60L * i),
                            i));
        }
        return new ReadingBatch(gw, readings);
    }

    private CoapClient dtlsClient(String identity, String key) {
        Configuration cf = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls =
                DtlsConnectorConfig.builder(cf)
                        .setAddress(new InetSocketAddress("127.0.0.1", 0))
                        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                        .setAdvancedPskStore(
                                new AdvancedSinglePskStore(
                                        identity, key.getBytes(StandardCharsets.UTF_8)))
                        .build();
        CoapEndpoint ep =
                new CoapEndpoint.Builder()
                        .setConfiguration(cf)
                        .setConnector(new DTLSConnector(dtls))
                        .build();
        clientEndpoints.add(ep);
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + config.dtlsPort() + "/telemetry");
        client.setEndpoint(ep);
        client.setTimeout(15_000L);
        return client;
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static String coapClient(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("coap-client-notls");
        cmd.addAll(List.of("-B", "10"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        return TelemetryTopic.readExactly(kafka.bootstrapServers(), topic, expected);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
