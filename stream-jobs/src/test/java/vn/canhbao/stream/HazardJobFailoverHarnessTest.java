package vn.canhbao.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.water;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.hazards.vn.Art46Table;
import vn.canhbao.stream.scenario.Scenarios;
import vn.canhbao.stream.scenario.Scenarios.Scenario;
import vn.canhbao.stream.site.SiteRuleSettings;

/**
 * At-least-once with deterministic ids: after a task failure the job restores keyed and broadcast
 * state from the last checkpoint and replays; whatever it sends again carries the same alert id and
 * revision, so a consumer that drops repeats sees exactly one of each transition.
 */
class HazardJobFailoverHarnessTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final Map<String, Queue<AlertEvent>> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    /** Collects alerts and fails the task once, when the {@code failAt}-th alert arrives. */
    private static final class FailOnceSink implements Sink<AlertEvent> {
        private static final long serialVersionUID = 1L;
        private final String id = UUID.randomUUID().toString();
        private final int failAt;

        FailOnceSink() {
            this(2);
        }

        FailOnceSink(int failAt) {
            this.failAt = failAt;
            RECEIVED.put(id, new ConcurrentLinkedQueue<>());
            FAILED.put(id, new AtomicBoolean());
        }

        @Override
        public SinkWriter<AlertEvent> createWriter(WriterInitContext context) {
            int failAt = this.failAt;
            Queue<AlertEvent> received = RECEIVED.get(id);
            AtomicBoolean failed = FAILED.get(id);
            return new SinkWriter<>() {
                @Override
                public void write(AlertEvent alert, Context ctx) throws IOException {
                    received.add(alert);
                    if (received.size() == failAt && failed.compareAndSet(false, true)) {
                        throw new IOException("injected failure at alert " + failAt);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void alertsReplayedAfterAFailureCarryTheSameIdsAndRevisions() throws Exception {
        // given a rise to BD III and a fall, 10 readings a second, checkpoints every 200 ms
        List<TelemetryRecord> series = new ArrayList<>();
        double[] stages = {1.0, 2.1, 2.2, 2.3, 3.1, 3.2, 3.3, 4.1, 4.2, 4.3};
        for (int i = 0; i < stages.length; i++) {
            series.add(water(i, stages[i]));
        }
        for (int i = stages.length; i < stages.length + 14; i++) {
            series.add(water(i, 0.5));
        }
        FailOnceSink sink = new FailOnceSink();
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restarts);
        env.setParallelism(1);
        env.enableCheckpointing(200);

        // when the sink fails once, mid-episode
        new HazardJob(
                        ListSource.throttled(TelemetryPack.class, ListSource.packsOf(series), 10),
                        ListSource.of(SiteConfig.class, List.of(namCang(1))),
                        sink,
                        HazardJobConfig.defaults("unused:9092"))
                .build(env);
        env.execute("hazard-failover-test");

        // then every transition arrived, repeats are exact copies, and dropping repeats by
        // (alertId, revision) leaves one episode: raised 1, updated 2, updated 3, cleared
        assertThat(FAILED.get(sink.id)).isTrue();
        List<AlertEvent> received = List.copyOf(RECEIVED.get(sink.id));
        // The second alert was taken before the failure and is produced again after the restore.
        assertThat(received).hasSizeGreaterThan(4);
        Map<String, AlertEvent> byIdAndRevision = new LinkedHashMap<>();
        for (AlertEvent a : received) {
            AlertEvent first = byIdAndRevision.putIfAbsent(a.alertId() + "#" + a.revision(), a);
            if (first != null) {
                assertThat(withoutEmittedAt(a)).isEqualTo(withoutEmittedAt(first));
            }
        }
        assertThat(byIdAndRevision.values())
                .extracting(
                        a -> a.state().wireName() + ":" + a.level().number() + ":r" + a.revision())
                .containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2", "cleared:3:r3");
        assertThat(byIdAndRevision.values())
                .extracting(AlertEvent::alertId)
                .containsOnly(received.get(0).alertId());
    }

    private static StreamExecutionEnvironment restartingEnv() {
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restarts);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        return env;
    }

    private static Map<String, AlertEvent> transitions(List<AlertEvent> received) {
        Map<String, AlertEvent> byIdAndRevision = new LinkedHashMap<>();
        for (AlertEvent a : received) {
            AlertEvent first = byIdAndRevision.putIfAbsent(a.alertId() + "#" + a.revision(), a);
            if (first != null) {
                assertThat(withoutEmittedAt(a)).isEqualTo(withoutEmittedAt(first));
            }
        }
        return byIdAndRevision;
    }

    @Test
    void aFailureMidFlashFloodGivesTheSameAlertIdsAndTransitionsAsTheFailureFreeRun()
            throws Exception {
        // given the flash-flood scenario replayed once without failure
        Scenario flood = Scenarios.flashFlood();
        CollectingSink<AlertEvent> clean = new CollectingSink<>();
        StreamExecutionEnvironment cleanEnv = restartingEnv();
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryPack.class,
                                ListSource.packsOf(flood.readings()),
                                20,
                                flood.pauses()),
                        ListSource.of(SiteConfig.class, flood.configs()),
                        clean,
                        HazardJobConfig.defaults("unused:9092"))
                .build(cleanEnv);
        cleanEnv.execute("flash-flood-clean");

        // when it is replayed again and the task fails at the third alert (level 3 reached)
        FailOnceSink failing = new FailOnceSink(3);
        StreamExecutionEnvironment env = restartingEnv();
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryPack.class,
                                ListSource.packsOf(flood.readings()),
                                20,
                                flood.pauses()),
                        ListSource.of(SiteConfig.class, flood.configs()),
                        failing,
                        HazardJobConfig.defaults("unused:9092"))
                .build(env);
        env.execute("flash-flood-failover");

        // then after dropping repeats (exact copies) the ids, revisions, levels and reading times
        // are those of the failure-free run: nothing lost, nothing new
        assertThat(FAILED.get(failing.id)).isTrue();
        Map<String, AlertEvent> expected = transitions(clean.values());
        Map<String, AlertEvent> actual = transitions(List.copyOf(RECEIVED.get(failing.id)));
        assertThat(expected).hasSize(8);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(actual.values())
                .extracting(HazardJobFailoverHarnessTest::withoutEmittedAt)
                .containsExactlyElementsOf(
                        expected.values().stream()
                                .map(HazardJobFailoverHarnessTest::withoutEmittedAt)
                                .toList());
    }

    @Test
    void aFailureMidLandslideRestoresTheSiteStateAndGivesTheSameTransitions() throws Exception {
        // given the rain-triggered landslide replayed once without failure (the per-site state:
        // rain bins, movement series and lifecycles, goes through checkpoints every 200 ms)
        Scenario slide = Scenarios.rainTriggeredLandslide();
        HazardJobConfig config =
                HazardJobConfig.defaults("unused:9092")
                        .withSiteRules(
                                SiteRuleSettings.defaults()
                                        .withZone(Scenarios.LANG_NU.value(), Art46Table.Zone.high));
        CollectingSink<AlertEvent> clean = new CollectingSink<>();
        StreamExecutionEnvironment cleanEnv = restartingEnv();
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryPack.class,
                                ListSource.packsOf(slide.readings()),
                                200,
                                slide.pauses()),
                        ListSource.of(SiteConfig.class, slide.configs()),
                        clean,
                        config)
                .build(cleanEnv);
        cleanEnv.execute("landslide-clean");

        // when it is replayed again and the task fails at the fourth alert (Emergency level)
        FailOnceSink failing = new FailOnceSink(4);
        StreamExecutionEnvironment env = restartingEnv();
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryPack.class,
                                ListSource.packsOf(slide.readings()),
                                200,
                                slide.pauses()),
                        ListSource.of(SiteConfig.class, slide.configs()),
                        failing,
                        config)
                .build(env);
        env.execute("landslide-failover");

        // then the same ids, revisions, levels and reading times as the failure-free run
        assertThat(FAILED.get(failing.id)).isTrue();
        Map<String, AlertEvent> expected = transitions(clean.values());
        Map<String, AlertEvent> actual = transitions(List.copyOf(RECEIVED.get(failing.id)));
        assertThat(expected).hasSize(7);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, AlertEvent> e : expected.entrySet()) {
            assertThat(withoutEmittedAt(actual.get(e.getKey())))
                    .isEqualTo(withoutEmittedAt(e.getValue()));
        }
    }

    private static AlertEvent withoutEmittedAt(AlertEvent a) {
        return new AlertEvent(
                a.alertId(),
                a.revision(),
                a.site(),
                a.hazard(),
                a.ruleId(),
                a.ruleVersion(),
                a.episodeStart(),
                a.level(),
                a.state(),
                a.time(),
                a.time(),
                a.evidence(),
                a.localSensorAlert());
    }
}
