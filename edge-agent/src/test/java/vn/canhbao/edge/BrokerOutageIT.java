package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The broker is away (20 s here; {@code -Dcanhbao.outage.seconds=600} for the 10 minutes)
 * while the sensors keep reporting and an alert is raised: after it returns everything arrives, the
 * alert before the backlog; the uplink's subscription (a retained config topic) is made again and
 * the persistent session restored by Mosquitto does not break the connection.
 */
class BrokerOutageIT {
    private static final GatewayId GW = GatewayId.of("gw-outage");
    private static final int PER_PACK = 10;
    private static final int SENSORS = 20;
    private static final long ALERT_SEQ = 50_000_000L;

    @TempDir Path dir;

    @Test
    void deliversEverythingAfterTheBrokerReturnsAlertFirst() throws Exception {
        long outageSeconds = Long.getLong("canhbao.outage.seconds", 20);
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
                TelemetryCollector collector =
                        TelemetryCollector.subscribe(broker.uri(), "outage-observer", GW);
                Journal journal = Journal.open(JournalConfig.defaults(dir.resolve("journal")))) {
            publishRetainedConfig(broker.uri(), "{\"version\":1}");
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
            ScheduledThreadPoolExecutor sensors = new ScheduledThreadPoolExecutor(1);
            MqttUplink uplink =
                    new MqttUplink(
                            new UplinkSettings(
                                    GW,
                                    broker.uri(),
                                    "edge-" + GW.value(),
                                    Duration.ofHours(1),
                                    Duration.ofSeconds(5),
                                    Duration.ofSeconds(4),
                                    32,
                                    "test"),
                            journal,
                            executor,
                            Clock.systemUTC());
            List<String> configs = new CopyOnWriteArrayList<>();
            uplink.subscribe(
                    MqttTopics.config(GW), b -> configs.add(new String(b, StandardCharsets.UTF_8)));
            AtomicLong packs = new AtomicLong();
            try {
                uplink.start();
                // Sensors report every 50 ms whatever the broker does.
                sensors.scheduleAtFixedRate(
                        () -> {
                            long k = packs.getAndIncrement();
                            journal.append(
                                    Priority.TELEMETRY,
                                    JournalPacks.pack(GW, k, PER_PACK, SENSORS),
                                    PER_PACK);
                            uplink.wakeUp();
                        },
                        0,
                        50,
                        TimeUnit.MILLISECONDS);
                await("telemetry flowing")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> collector.readings().size() >= 100);
                await("the retained config delivered to the uplink's subscription")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> configs.size() == 1);

                broker.stop();
                long firstDuringOutage = packs.get() + 1;
                Thread.sleep(outageSeconds * 500);
                long alertId = journal.append(Priority.ALERT, JournalPacks.alert(GW, ALERT_SEQ), 1);
                assertThat(journal.awaitDurable(alertId, Duration.ofSeconds(5))).isTrue();
                Thread.sleep(outageSeconds * 500);
                long lastDuringOutage = packs.get() - 1;
                assertThat(journal.stats().records()).isGreaterThan(outageSeconds * 10);

                broker.restart();
                Thread.sleep(3_000);
                sensors.shutdown();
                assertThat(sensors.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
                long total = packs.get() * PER_PACK;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> distinctSeqs(collector.readings()) == total + 1);

                List<Reading> arrived = collector.readings();
                int alertAt = indexOfSeq(arrived, ALERT_SEQ);
                int backlogAt = indexOfSeq(arrived, firstDuringOutage * PER_PACK);
                assertThat(alertAt).isNotNegative();
                assertThat(backlogAt).isNotNegative();
                assertThat(alertAt)
                        .as("the alert arrives before the backlog of the outage")
                        .isLessThan(backlogAt);
                assertThat(indexOfSeq(arrived, lastDuringOutage * PER_PACK)).isGreaterThan(alertAt);
                assertThat(collector.errors()).isEmpty();
                assertThat(journal.awaitEmpty(Duration.ofSeconds(10))).isTrue();
                // Subscribed again after the reconnect (the retained config came again), and the
                // connection holds: no disconnect loop after the restored session's CONNACK.
                await().atMost(Duration.ofSeconds(10)).until(() -> configs.size() >= 2);
                long connects = uplink.connects();
                Thread.sleep(3_000);
                assertThat(uplink.isConnected()).isTrue();
                assertThat(uplink.connects()).isEqualTo(connects).isLessThanOrEqualTo(3);
            } finally {
                sensors.shutdownNow();
                uplink.close();
                executor.shutdown();
            }
        }
    }

    private static long distinctSeqs(List<Reading> readings) {
        return readings.stream().map(Reading::seq).distinct().count();
    }

    private static int indexOfSeq(List<Reading> readings, long seq) {
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).seq() == seq) {
                return i;
            }
        }
        return -1;
    }

    private static void publishRetainedConfig(String uri, String json) throws Exception {
        MqttClient c = new MqttClient(uri, "config-publisher", new MemoryPersistence());
        c.connect();
        c.publish(MqttTopics.config(GW), json.getBytes(StandardCharsets.UTF_8), 1, true);
        c.disconnect();
        c.close();
    }
}
