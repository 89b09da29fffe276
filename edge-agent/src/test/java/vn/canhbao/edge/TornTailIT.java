package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Reading;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.JournalEntry;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The agent starts on a journal whose tail was torn mid-record (power cut during a write): it
 * counts the damage, sends every intact record that was not acknowledged (none of the acknowledged
 * ones), and carries on with new readings.
 */
class TornTailIT {
    private static final GatewayId GW = GatewayId.of("gw-torn");

    @TempDir Path dir;

    @Test
    void startsOnATornJournalCountsTheDamageAndCarriesOn() throws Exception {
        Path journalDir = dir.resolve("journal");
        // given: 20 packs, the first 5 acknowledged, the last one cut in the middle
        try (Journal j = Journal.open(JournalConfig.defaults(journalDir))) {
            for (int k = 0; k < 20; k++) {
                j.append(Priority.TELEMETRY, JournalPacks.pack(GW, k, 10, 4), 10);
            }
            for (JournalEntry e : j.takeSendable(5, 5)) {
                j.acknowledge(e.id());
            }
        }
        Path segment;
        try (Stream<Path> s = Files.list(journalDir)) {
            segment =
                    s.filter(p -> p.getFileName().toString().startsWith("seg-"))
                            .sorted()
                            .toList()
                            .get(0);
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 40);
        }

        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
                TelemetryCollector collector =
                        TelemetryCollector.subscribe(broker.uri(), "torn-observer", GW);
                Journal journal = Journal.open(JournalConfig.defaults(journalDir))) {
            // then the damage is counted
            assertThat(journal.stats().tornTailRecovered()).isEqualTo(1);
            assertThat(journal.stats().tornTailBytesTruncated()).isPositive();
            assertThat(journal.stats().records()).isEqualTo(14);
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
            MqttUplink uplink =
                    new MqttUplink(
                            new UplinkSettings(
                                    GW,
                                    broker.uri(),
                                    "edge-" + GW.value(),
                                    Duration.ofHours(1),
                                    Duration.ofSeconds(30),
                                    Duration.ofSeconds(2),
                                    16,
                                    "test"),
                            journal,
                            executor,
                            Clock.systemUTC());
            try {
                uplink.start();
                // and the agent carries on: the cut pack 19 is produced again, and more after it
                for (int k = 19; k < 25; k++) {
                    journal.append(Priority.TELEMETRY, JournalPacks.pack(GW, k, 10, 4), 10);
                }
                uplink.wakeUp();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> collector.readings().size() >= 200);
                assertThat(journal.awaitEmpty(Duration.ofSeconds(10))).isTrue();
                Thread.sleep(500);
                List<Long> seqs = collector.readings().stream().map(Reading::seq).toList();
                assertThat(seqs)
                        .as("packs 5-18 intact, 19-24 new; the acknowledged 0-4 are not resent")
                        .containsExactlyElementsOf(
                                java.util.stream.LongStream.range(50, 250).boxed().toList());
            } finally {
                uplink.close();
                executor.shutdown();
            }
        }
    }
}
