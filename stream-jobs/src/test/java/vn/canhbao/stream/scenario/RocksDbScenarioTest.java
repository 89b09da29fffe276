package vn.canhbao.stream.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.scenario.Scenarios.Scenario;

/**
 * The RocksDB state backend option: there every state access goes through the hand-written
 * serializers (sensor state, pending buffers, timer users, site state), so the scenarios must give
 * the same transitions as on the heap, with checkpoints taken meanwhile.
 */
class RocksDbScenarioTest {
    private static final java.nio.file.Path ROCKS_DIR = createRocksDir();

    /** The most files seen at once under the RocksDB local directory while a job ran. */
    private static final java.util.concurrent.atomic.AtomicLong MAX_ROCKS_FILES =
            new java.util.concurrent.atomic.AtomicLong();

    private static void countRocksFiles() {
        while (!Thread.currentThread().isInterrupted()) {
            try (var files = java.nio.file.Files.walk(ROCKS_DIR)) {
                long n = files.count();
                MAX_ROCKS_FILES.accumulateAndGet(n, Math::max);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // a file vanished while walking: look again
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static java.nio.file.Path createRocksDir() {
        try {
            return java.nio.file.Files.createTempDirectory("cb-rocksdb");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static List<String> transitions(
            Scenario s, HazardJobConfig config, String backend, double perSecond) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.setString("state.backend.rocksdb.localdir", ROCKS_DIR.toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, java.time.Duration.ofMillis(200));
        Thread watcher = new Thread(RocksDbScenarioTest::countRocksFiles, "rocks-dir-watcher");
        watcher.setDaemon(true);
        watcher.start();
        List<AlertEvent> alerts;
        try {
            alerts = ScenarioTest.replay(s, config, perSecond, conf);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        return alerts.stream()
                .map(
                        a ->
                                a.alertId()
                                        + "#"
                                        + a.revision()
                                        + " "
                                        + a.hazard().wireName()
                                        + " "
                                        + a.state().wireName()
                                        + " "
                                        + a.level().number()
                                        + " @"
                                        + a.time())
                .sorted()
                .toList();
    }

    @Test
    void theFlashFloodGivesTheSameTransitionsOnRocksDbAsOnTheHeap() throws Exception {
        HazardJobConfig config = HazardJobConfig.defaults("unused:9092");
        List<String> heap = transitions(Scenarios.flashFlood(), config, "hashmap", 200);
        List<String> rocks = transitions(Scenarios.flashFlood(), config, "rocksdb", 200);

        // (and the job did run on RocksDB: its instance files appeared in the local directory)
        assertThat(MAX_ROCKS_FILES.get()).isGreaterThan(1);
        assertThat(heap).hasSize(8);
        assertThat(rocks).isEqualTo(heap);
    }

    @Test
    void theStuckSensorGivesTheSameTransitionsOnRocksDb() throws Exception {
        HazardJobConfig config = HazardJobConfig.defaults("unused:9092");
        List<String> heap = transitions(Scenarios.stuckSensor(), config, "hashmap", 500);
        List<String> rocks = transitions(Scenarios.stuckSensor(), config, "rocksdb", 500);

        assertThat(heap).hasSize(3);
        assertThat(rocks).isEqualTo(heap);
    }

    @Test
    void theLandslideGivesTheSameTransitionsOnRocksDb() throws Exception {
        HazardJobConfig config = ScenarioTest.langNuConfig();
        List<String> heap = transitions(Scenarios.rainTriggeredLandslide(), config, "hashmap", 500);
        List<String> rocks =
                transitions(Scenarios.rainTriggeredLandslide(), config, "rocksdb", 500);

        assertThat(heap).hasSizeGreaterThanOrEqualTo(7);
        assertThat(rocks).isEqualTo(heap);
    }
}
