package vn.canhbao.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Reading;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * kill -9 of the agent at random points while it appends and drains a 100,000-reading backlog, 20
 * times: every sequence number reaches the broker side, in order per sensor; duplicates allowed,
 * losses not.
 */
class AgentCrashIT {
    private static final GatewayId GW = GatewayId.of("gw-crash");
    private static final int READINGS = 100_000;
    private static final int PER_PACK = 10;
    private static final int SENSORS = 200;
    private static final int KILLS = 20;

    @TempDir Path dir;
    private MosquittoBroker broker;
    private TelemetryCollector collector;
    private Process agent;

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        collector = TelemetryCollector.subscribe(broker.uri(), "crash-observer", GW);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.destroyForcibly().waitFor();
        }
        collector.close();
        broker.close();
    }

    @Test
    void everySequenceNumberArrivesInOrderPerSensorAcrossTwentyKillNines() throws Exception {
        Random random = new Random(Long.getLong("canhbao.crash.seed", System.nanoTime()));
        Path journal = dir.resolve("journal");
        Path log = dir.resolve("agent.log");
        for (int kill = 0; kill < KILLS; kill++) {
            agent = startAgent(journal, log);
            int started = kill + 1;
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> startLines(log).size() == started);
            // Let it append and drain for a while, then pull the plug without warning.
            Thread.sleep(random.nextInt(3000));
            agent.destroyForcibly().waitFor();
        }
        agent = startAgent(journal, log);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(log).contains("DONE"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> distinct(collector.readings()).cardinality() == READINGS);

        List<Reading> arrived = collector.readings();
        assertThat(collector.errors()).isEmpty();
        BitSet seen = distinct(arrived);
        assertThat(seen.cardinality()).isEqualTo(READINGS);
        assertThat(seen.nextClearBit(0)).isEqualTo(READINGS);
        // In order per sensor: the first arrival of each sequence number comes after the first
        // arrival of every smaller one of the same sensor.
        Map<String, Long> lastNew = new HashMap<>();
        BitSet first = new BitSet();
        List<String> disorder = new ArrayList<>();
        for (Reading r : arrived) {
            int seq = Math.toIntExact(r.seq());
            if (first.get(seq)) {
                continue; // a duplicate from a resend
            }
            first.set(seq);
            Long previous = lastNew.put(r.sensor().value(), r.seq());
            if (previous != null && previous > r.seq()) {
                disorder.add(r.sensor().value() + ": " + r.seq() + " after " + previous);
            }
        }
        assertThat(disorder).isEmpty();
        List<String> starts = startLines(log);
        System.out.println("AgentCrashIT restarts: " + starts);
        assertThat(starts.get(0)).isEqualTo("START nextId=0 waiting=0");
        // Many kills hit in the middle of the drain: the run before had records acknowledged and
        // the restart still found unacknowledged ones.
        int midDrain = 0;
        long ackedBefore = 0;
        for (String line : starts) {
            String[] f = line.split("[ =]");
            long next = Long.parseLong(f[2]);
            long waiting = Long.parseLong(f[4]);
            if (next - waiting > ackedBefore && waiting > 0) {
                midDrain++;
            }
            ackedBefore = next - waiting;
        }
        assertThat(midDrain).as("kills in the middle of the drain").isGreaterThanOrEqualTo(5);
        System.out.printf(
                "AgentCrashIT: %d readings arrived for %d distinct (%d duplicates) across %d kills%n",
                arrived.size(), READINGS, arrived.size() - READINGS, KILLS);
    }

    private static List<String> startLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("START ")).toList();
    }

    private static BitSet distinct(List<Reading> readings) {
        BitSet b = new BitSet();
        for (Reading r : readings) {
            b.set(Math.toIntExact(r.seq()));
        }
        return b;
    }

    private Process startAgent(Path journal, Path log) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingAgentMain.class.getName(),
                        journal.toString(),
                        broker.uri(),
                        GW.value(),
                        Integer.toString(READINGS / PER_PACK),
                        Integer.toString(PER_PACK),
                        Integer.toString(SENSORS),
                        "2000",
                        // The drain is held to 3,000 readings/s so that the backlog outlasts the
                        // 20 kills and most of them hit in the middle of it.
                        "3000");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }
}
