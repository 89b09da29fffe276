package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;
import vn.canhbao.edge.uplink.UplinkTls;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The uplink connects to a Mosquitto that requires a client certificate, with the gateway's own
 * certificate; a certificate from another CA is refused and nothing is sent.
 */
class UplinkTlsIT {
    private static final GatewayId GW = GatewayId.of("gw-tls");

    @TempDir Path dir;
    private MosquittoBroker broker;
    private TestCa ca;
    private Path caFile;
    private ScheduledThreadPoolExecutor executor;

    @BeforeEach
    void startTlsBroker() throws Exception {
        executor = new ScheduledThreadPoolExecutor(1);
        ca = new TestCa("canhbao test CA");
        Path pki = Files.createDirectories(dir.resolve("pki"));
        caFile = ca.writeCert(pki.resolve("ca.crt"));
        Path[] server = ca.issue("localhost", pki, "server");
        int port = FreePorts.next();
        broker =
                MosquittoBroker.startWithConfig(
                        dir.resolve("mosquitto"),
                        port,
                        String.join(
                                "\n",
                                "user root",
                                "per_listener_settings false",
                                "allow_anonymous false",
                                "persistence false",
                                "listener " + port + " 127.0.0.1",
                                "cafile " + caFile,
                                "certfile " + server[0],
                                "keyfile " + server[1],
                                "require_certificate true",
                                "use_identity_as_username true",
                                ""));
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void connectsWithTheGatewaysClientCertificateAndDrainsTheJournal() throws Exception {
        Path[] gw = ca.issue(GW.value(), dir.resolve("pki"), "gateway");
        try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")))) {
            journal.append(Priority.TELEMETRY, JournalPacks.pack(GW, 0, 10, 2), 10);
            MqttUplink uplink = uplink(journal, new UplinkTls(caFile, gw[0], gw[1]));
            try {
                uplink.start();
                await().atMost(Duration.ofSeconds(20)).until(uplink::isConnected);
                assertThat(journal.awaitEmpty(Duration.ofSeconds(10))).isTrue();
                assertThat(uplink.publishedReadings()).isEqualTo(10);
            } finally {
                uplink.close();
            }
        }
        assertThat(Files.readString(broker.logFile())).contains(GW.value());
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        TestCa rogue = new TestCa("not the canhbao CA");
        Path[] gw = rogue.issue(GW.value(), dir.resolve("pki"), "rogue");
        try (Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")))) {
            journal.append(Priority.TELEMETRY, JournalPacks.pack(GW, 0, 10, 2), 10);
            MqttUplink uplink = uplink(journal, new UplinkTls(caFile, gw[0], gw[1]));
            try {
                uplink.start();
                Thread.sleep(5_000);
                assertThat(uplink.isConnected()).isFalse();
                assertThat(uplink.connects()).isZero();
                assertThat(journal.stats().records()).as("nothing acknowledged").isEqualTo(1);
            } finally {
                uplink.close();
            }
        }
    }

    private MqttUplink uplink(Journal journal, UplinkTls tls) {
        UplinkSettings s =
                new UplinkSettings(
                        GW,
                        "ssl://127.0.0.1:" + broker.port(),
                        "edge-" + GW.value(),
                        Duration.ofHours(1),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(2),
                        16,
                        "test",
                        java.util.Optional.of(tls),
                        0,
                        UplinkSettings.DEFAULT_COMPRESS_MIN_BYTES);
        return new MqttUplink(s, journal, executor, Clock.systemUTC());
    }
}
