package vn.canhbao.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * A broker with a small Receive Maximum (Mosquitto's {@code max_inflight_messages}, sent in the
 * CONNACK): the uplink keeps its in-flight window below it, with room for control messages, so Paho
 * never refuses a publish for a full window, and the backlog drains while acks and heartbeats still
 * go out.
 */
class UplinkWindowIT {
    private static final GatewayId GW = GatewayId.of("gw-window");

    @TempDir Path dir;

    @Test
    void staysBelowTheBrokersReceiveMaximum() throws Exception {
        int port = FreePorts.next();
        try (MosquittoBroker broker =
                        MosquittoBroker.startWithConfig(
                                dir.resolve("mosquitto"),
                                port,
                                String.join(
                                        "\n",
                                        "user root",
                                        "allow_anonymous true",
                                        "persistence false",
                                        "max_inflight_messages 12",
                                        "listener " + port + " 127.0.0.1"));
                Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")))) {
            for (int i = 0; i < 2_000; i++) {
                journal.append(
                        Priority.TELEMETRY, ("pack " + i).getBytes(StandardCharsets.UTF_8), 10);
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
            MqttUplink uplink =
                    new MqttUplink(
                            new UplinkSettings(
                                    GW,
                                    "tcp://127.0.0.1:" + port,
                                    "edge-" + GW.value(),
                                    Duration.ofHours(1),
                                    Duration.ofSeconds(30),
                                    Duration.ofSeconds(5),
                                    256,
                                    "test"),
                            journal,
                            executor,
                            Clock.systemUTC());
            AtomicInteger maxSeen = new AtomicInteger();
            ScheduledThreadPoolExecutor watcher = new ScheduledThreadPoolExecutor(1);
            try {
                uplink.start();
                watcher.scheduleAtFixedRate(
                        () -> maxSeen.accumulateAndGet(journal.inFlight(), Math::max),
                        0,
                        1,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> journal.stats().records() == 0);
                assertThat(uplink.window()).isEqualTo(12 - MqttUplink.CONTROL_HEADROOM);
                assertThat(maxSeen.get()).isBetween(1, 12 - MqttUplink.CONTROL_HEADROOM);
                assertThat(uplink.publishedBatches()).isEqualTo(2_000);
                // The headroom is there: a control publish is taken while connected.
                uplink.publish("cb/v1/gw/gw-window/health", new byte[] {'{', '}'}, false);
            } finally {
                watcher.shutdownNow();
                uplink.close();
                executor.shutdown();
            }
        }
    }
}
