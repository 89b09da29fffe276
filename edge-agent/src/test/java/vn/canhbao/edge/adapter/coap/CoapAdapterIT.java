package vn.canhbao.edge.adapter.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.canhbao.edge.adapter.senml.SenmlCbor.pack;
import static vn.canhbao.edge.adapter.senml.SenmlCbor.rec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterThreads;
import vn.canhbao.edge.adapter.CollectingSink;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;

/**
 * The CoAP adapter against libcoap's {@code coap-client-notls} / {@code coap-client-openssl}
 * (Debian {@code libcoap3-bin}, a CoAP implementation written by others) and Californium peers.
 */
class CoapAdapterIT {
    static final SensorId WL = SensorId.of("wl-nam-cang");
    static final SensorId RG = SensorId.of("rg-nam-cang");
    static final String WL_KEY = "wl-nam-cang-secret-01";
    static final String RG_KEY = "rg-nam-cang-secret-02";
    static final KnownSensors SENSORS =
            KnownSensors.of(Map.of(WL, Quantity.WATER_LEVEL, RG, Quantity.RAIN));
    static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    @TempDir Path dir;
    final CollectingSink sink = new CollectingSink();
    CoapAdapter adapter;

    @BeforeEach
    void start() {
        adapter =
                new CoapAdapter(
                        CoapAdapterConfig.of(SENSORS)
                                .withPlain(ANY_LOCAL)
                                .withDtls(
                                        ANY_LOCAL,
                                        Map.of(
                                                WL, PskSecret.ofUtf8(WL_KEY),
                                                RG, PskSecret.ofUtf8(RG_KEY)))
                                .withMaxPayloadBytes(512));
        adapter.start(sink);
    }

    @AfterEach
    void stop() {
        adapter.close();
    }

    String plainUri(String sensor) {
        return "coap://127.0.0.1:"
                + adapter.plainAddress().orElseThrow().getPort()
                + "/s/"
                + sensor;
    }

    String dtlsUri(String sensor) {
        return "coaps://127.0.0.1:"
                + adapter.dtlsAddress().orElseThrow().getPort()
                + "/s/"
                + sensor;
    }

    @Test
    void givenLibcoapClient_whenPostingSenmlJson_thenSampleArrivesAndNothingIsRefused() {
        String out =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":2.35}]",
                        plainUri("wl-nam-cang"));

        assertThat(out).doesNotContain("4.");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        Sample s = sink.samples.get(0);
        assertThat(s.sensor()).isEqualTo(WL);
        assertThat(s.quantity()).isEqualTo(Quantity.WATER_LEVEL);
        assertThat(s.value()).isEqualTo(2.35);
        assertThat(sink.rejections).isEmpty();
        assertThat(adapter.stats().accepted()).isEqualTo(1);
    }

    @Test
    void givenLibcoapClient_whenPostingSenmlCborFile_thenSampleArrives() throws IOException {
        Path file = dir.resolve("pack.cbor");
        Files.write(
                file, pack(List.of(rec(-2, "rg-nam-cang/", 0, "rain", 1, "mm", 2, 4.5, 6, -10))));

        libcoap(
                "coap-client-notls",
                "-m",
                "post",
                "-t",
                "112",
                "-f",
                file.toString(),
                plainUri("rg-nam-cang"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).quantity()).isEqualTo(Quantity.RAIN);
        assertThat(sink.samples.get(0).value()).isEqualTo(4.5);
    }

    @Test
    void givenBadPacks_whenPosted_then400WithDiagnosticNamingField_countedAndGoodSensorsGoOn() {
        String unit =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"ft\",\"v\":7}]",
                        plainUri("wl-nam-cang"));
        String range =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":9999}]",
                        plainUri("wl-nam-cang"));
        String malformed =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":",
                        plainUri("wl-nam-cang"));
        String unknown =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1}]",
                        plainUri("wl-unknown"));
        String oversized =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[" + "{\"n\":\"water_level\",\"u\":\"m\",\"v\":1},".repeat(20) + "]",
                        plainUri("wl-nam-cang"));
        String format =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "0",
                        "-e",
                        "1.0",
                        plainUri("wl-nam-cang"));
        String good =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"rain\",\"u\":\"mm\",\"v\":1.5}]",
                        plainUri("rg-nam-cang"));

        assertThat(unit).contains("4.00").contains("[0].u").contains("\"ft\"");
        assertThat(range).contains("4.00").contains("[0].v").contains("9999");
        assertThat(malformed).contains("4.00").contains("payload").contains("malformed");
        assertThat(unknown).contains("4.04").contains("unknown sensor");
        assertThat(oversized).contains("4.13").contains("too large");
        assertThat(format).contains("4.15").contains("content-format");
        assertThat(good).doesNotContain("4.");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).sensor()).isEqualTo(RG);
        assertThat(sink.rejections)
                .extracting(r -> r.field())
                .containsExactlyInAnyOrder(
                        "[0].u", "[0].v", "payload", "path", "payload", "content-format");
        assertThat(adapter.stats().rejected()).isEqualTo(6);
        assertThat(adapter.stats().accepted()).isEqualTo(1);
    }

    @Test
    void givenSinkRefuses_whenPosting_then503SoTheSensorRetries() {
        sink.refuseWhen(s -> true);
        String out =
                libcoap(
                        "coap-client-notls",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"rain\",\"u\":\"mm\",\"v\":1.5}]",
                        plainUri("rg-nam-cang"));
        assertThat(out).contains("5.03");
        assertThat(adapter.stats().sinkFailures()).isEqualTo(1);
    }

    @Test
    void givenLibcoapOpensslClientWithSensorKey_whenPostingOverDtls_thenSampleArrives() {
        String out =
                libcoap(
                        "coap-client-openssl",
                        "-u",
                        "wl-nam-cang",
                        "-k",
                        WL_KEY,
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":3.1}]",
                        dtlsUri("wl-nam-cang"));

        assertThat(out).doesNotContain("4.");
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples.size() == 1);
        assertThat(sink.samples.get(0).value()).isEqualTo(3.1);
    }

    @Test
    void givenDtlsIdentityOfAnotherSensor_whenPostingForWaterLevel_then403AndNothingStored() {
        String out =
                libcoap(
                        "coap-client-openssl",
                        "-u",
                        "rg-nam-cang",
                        "-k",
                        RG_KEY,
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":3.1}]",
                        dtlsUri("wl-nam-cang"));

        assertThat(out).contains("4.03").contains("may only post for itself");
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).hasSize(1);
    }

    @Test
    void givenWrongKey_whenPostingOverDtls_thenHandshakeFailsAndNothingIsStored() {
        String out =
                libcoap(
                        "coap-client-openssl",
                        "-u",
                        "wl-nam-cang",
                        "-k",
                        "not-the-right-key",
                        "-m",
                        "post",
                        "-t",
                        "110",
                        "-B",
                        "3",
                        "-e",
                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":3.1}]",
                        dtlsUri("wl-nam-cang"));

        assertThat(out).doesNotContain("2.04");
        assertThat(sink.samples).isEmpty();
    }

    @Test
    void givenCaliforniumDtlsClientWithKey_whenPostingCbor_then204() throws Exception {
        Configuration cfg = CoapAdapter.configuration(4096);
        DtlsConnectorConfig dc =
                DtlsConnectorConfig.builder(cfg)
                        .setAddress(ANY_LOCAL)
                        .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                        .setAdvancedPskStore(
                                new AdvancedSinglePskStore(
                                        "rg-nam-cang", RG_KEY.getBytes(StandardCharsets.UTF_8)))
                        .build();
        CoapEndpoint ep =
                new CoapEndpoint.Builder()
                        .setConfiguration(cfg)
                        .setConnector(new DTLSConnector(dc))
                        .build();
        CoapClient client = new CoapClient(dtlsUri("rg-nam-cang"));
        client.setEndpoint(ep);
        try {
            CoapResponse r =
                    client.post(
                            pack(List.of(rec(0, "rain", 1, "mm", 2, 2.0))),
                            MediaTypeRegistry.APPLICATION_SENML_CBOR);
            assertThat(r.getCode()).isEqualTo(ResponseCode.CHANGED);
        } finally {
            client.shutdown();
            ep.destroy();
        }
        assertThat(sink.samples).extracting(Sample::value).containsExactly(2.0);
    }

    @Test
    void givenObservedSensorResource_whenItsValueChanges_thenEachNotificationBecomesASample() {
        AtomicReference<String> current =
                new AtomicReference<>("[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1.0}]");
        CoapResource level =
                new CoapResource("level") {
                    @Override
                    public void handleGET(CoapExchange exchange) {
                        exchange.respond(
                                ResponseCode.CONTENT,
                                current.get(),
                                MediaTypeRegistry.APPLICATION_SENML_JSON);
                    }
                };
        level.setObservable(true);
        CoapServer sensor = new CoapServer(CoapAdapter.configuration(4096));
        sensor.addEndpoint(
                new CoapEndpoint.Builder()
                        .setConfiguration(CoapAdapter.configuration(4096))
                        .setInetSocketAddress(ANY_LOCAL)
                        .build());
        sensor.add(level);
        sensor.start();
        int port = sensor.getEndpoints().get(0).getAddress().getPort();
        CoapAdapter observer =
                new CoapAdapter(
                        CoapAdapterConfig.of(SENSORS)
                                .withObserved(
                                        List.of(
                                                new ObservedResource(
                                                        WL,
                                                        URI.create(
                                                                "coap://127.0.0.1:"
                                                                        + port
                                                                        + "/level")))));
        CollectingSink observed = new CollectingSink();
        try {
            observer.start(observed);
            await().atMost(Duration.ofSeconds(5)).until(() -> observed.samples.size() == 1);

            current.set("[{\"n\":\"water_level\",\"u\":\"m\",\"v\":2.5}]");
            level.changed();
            await().atMost(Duration.ofSeconds(5)).until(() -> observed.samples.size() == 2);
            current.set("[{\"n\":\"water_level\",\"u\":\"cm\",\"v\":250}]");
            level.changed();
            await().atMost(Duration.ofSeconds(5)).until(() -> observed.rejections.size() == 1);
            current.set("[{\"n\":\"water_level\",\"u\":\"m\",\"v\":3.0}]");
            level.changed();
            await().atMost(Duration.ofSeconds(5)).until(() -> observed.samples.size() == 3);
        } finally {
            observer.close();
            sensor.destroy();
        }
        AdapterThreads.awaitGone("canhbao-coap-observe");
        assertThat(observed.samples).extracting(Sample::value).containsExactly(1.0, 2.5, 3.0);
        assertThat(observed.rejections.get(0).field()).isEqualTo("[0].u");
    }

    @Test
    void givenLibcoapServerAsSensor_whenObservedResourceIsUpdated_thenEachUpdateBecomesASample()
            throws IOException, InterruptedException {
        int port = vn.canhbao.testsupport.FreePorts.next();
        Process server =
                new ProcessBuilder(
                                "coap-server-notls",
                                "-A",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(port),
                                "-d",
                                "10")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("coap-server.log").toFile())
                        .start();
        String level = "coap://127.0.0.1:" + port + "/level";
        CoapAdapter observer = null;
        CollectingSink observed = new CollectingSink();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    !libcoap(
                                                    "coap-client-notls",
                                                    "-m",
                                                    "put",
                                                    "-t",
                                                    "110",
                                                    "-e",
                                                    "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1.5}]",
                                                    level)
                                            .contains("4."));
            observer =
                    new CoapAdapter(
                            CoapAdapterConfig.of(SENSORS)
                                    .withObserved(
                                            List.of(new ObservedResource(WL, URI.create(level)))));
            observer.start(observed);
            await().atMost(Duration.ofSeconds(10)).until(() -> observed.samples.size() == 1);

            libcoap(
                    "coap-client-notls",
                    "-m",
                    "put",
                    "-t",
                    "110",
                    "-e",
                    "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":2.5}]",
                    level);
            await().atMost(Duration.ofSeconds(10)).until(() -> observed.samples.size() == 2);
        } finally {
            if (observer != null) {
                observer.close();
            }
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(observed.samples).extracting(Sample::value).containsExactly(1.5, 2.5);
        assertThat(observed.rejections).isEmpty();
    }

    /** Runs a libcoap client and returns its stdout and stderr. */
    static String libcoap(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (!cmd.contains("-B")) {
            cmd.add(1, "-B");
            cmd.add(2, "5");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
