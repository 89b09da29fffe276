package vn.canhbao.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.GATEWAY;
import static vn.canhbao.stream.DemoSites.RAIN;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.reading;
import static vn.canhbao.stream.DemoSites.water;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.gateway.GatewayRulesFunction;
import vn.canhbao.stream.kafka.ContractDeserializer;

/** The whole {@link HazardJob} wiring on a MiniCluster, with in-memory sources and sink. */
class HazardPipelineHarnessTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** Water rising past BĐ I, II and III of Nậm Cang (2, 3 and 4 m), two readings each. */
    private static final List<TelemetryRecord> RISING_TO_BD_THREE =
            List.of(
                    water(0, 1.0),
                    water(1, 2.1),
                    water(2, 2.2),
                    water(3, 3.1),
                    water(4, 3.2),
                    water(5, 4.1),
                    water(6, 4.2));

    /** An alert transition as {@code state:level:rrevision}, e.g. {@code raised:1:r0}. */
    private static String transition(AlertEvent a) {
        return a.state().wireName() + ":" + a.level().number() + ":r" + a.revision();
    }

    @Test
    void risingWaterBecomesOneEpisodeRaisedThenUpdatedWhicheverInputComesFirst() throws Exception {
        // given the site config and a rising series, started together (config may arrive after the
        // readings: then they wait in the pending buffer until the gateway's next message or the
        // buffer's one-second recheck, so the last reading comes after a pause; a bounded job
        // drops processing-time timers at its end, and without the pause it could end first)
        List<TelemetryRecord> series = RISING_TO_BD_THREE;
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        HazardJobConfig config = HazardJobConfig.defaults("unused:9092");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);

        // when
        new HazardJob(
                        whicheverInputFirst(series),
                        ListSource.of(SiteConfig.class, List.of(namCang(1))),
                        alerts,
                        config)
                .build(env);
        env.execute("hazard-pipeline-test");

        // then
        List<AlertEvent> out = alerts.values();
        assertThat(out)
                .extracting(HazardPipelineHarnessTest::transition)
                .containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2");
        assertThat(out).extracting(AlertEvent::alertId).containsOnly(out.get(0).alertId());
        assertThat(out.get(0).episodeStart()).isEqualTo(water(2, 0).time());
    }

    /**
     * The series as one-reading packs, the last after a pause longer than the pending buffer's
     * recheck: readings that beat the config are replayed before the job ends, in either order.
     */
    private static DataGeneratorSource<TelemetryPack> whicheverInputFirst(
            List<TelemetryRecord> series) {
        long pause = GatewayRulesFunction.PENDING_RECHECK.toMillis() + 500;
        return ListSource.withPauses(
                TelemetryPack.class,
                ListSource.packsOf(series),
                1_000,
                Map.of(series.size() - 1, pause));
    }

    @Test
    void noRecordOrStateFallsBackToKryo() throws Exception {
        // given generic (Kryo) serialization disabled: any stream type or keyed, broadcast or
        // timer state without its own serializer fails the job
        List<TelemetryRecord> series =
                List.of(
                        water(0, 1.0),
                        reading(GATEWAY, RAIN, Quantity.RAIN, 0, 5.0),
                        water(1, 2.1),
                        reading(GATEWAY, RAIN, Quantity.RAIN, 1, 5.0),
                        water(2, 2.2),
                        water(3, 3.1),
                        water(4, 3.2));
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noKryo);
        env.setParallelism(1);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();

        // when: every operator (sensor rules, site rules, device health, dead letters) sees input
        new HazardJob(
                        whicheverInputFirst(series),
                        ListSource.of(SiteConfig.class, List.of(namCang(1))),
                        alerts,
                        HazardJobConfig.defaults("unused:9092"))
                .build(env);
        env.execute("hazard-pipeline-no-kryo");

        // then the job ran to its end and still raised the flood alert
        assertThat(alerts.values())
                .extracting(a -> a.hazard().wireName() + ":" + a.level().number())
                .contains("flood:1", "flood:2");
    }

    @Test
    void undecodableInputBecomesDeadLettersWhileTheReadingsAroundItStillRaiseTheAlert()
            throws Exception {
        // given the production sources (decoded or dead letter) with broken records of both
        // topics among the good ones, and generic (Kryo) serialization disabled
        List<TelemetryRecord> series = RISING_TO_BD_THREE;
        List<byte[]> telemetry = new ArrayList<>();
        List<byte[]> broken = List.of(utf8("{\"gw\":"), new byte[0], utf8("[1,2,3]"));
        for (int i = 0; i < series.size(); i++) {
            telemetry.add(TelemetryPack.CODEC.encode(ListSource.packOf(List.of(series.get(i)))));
            if (i % 3 == 0) {
                telemetry.add(broken.get(i / 3));
            }
        }
        byte[] brokenConfig = utf8("{\"site\":\"nam-cang\",\"version\":-1}");
        List<byte[]> configs = List.of(brokenConfig, SiteConfig.CODEC.encode(namCang(1)));
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noKryo);
        env.setParallelism(1);

        // when (the last reading after a pause past the pending buffer's recheck, as above)
        long pause = GatewayRulesFunction.PENDING_RECHECK.toMillis() + 500;
        new HazardJob(
                        ListSource.fromWire(
                                ContractDeserializer.telemetryPacksOrDeadLetters(),
                                KafkaTopics.TELEMETRY,
                                telemetry,
                                1_000,
                                Map.of(telemetry.size() - 1, pause)),
                        ListSource.fromWire(
                                ContractDeserializer.siteConfigsOrDeadLetters(),
                                KafkaTopics.SITE_CONFIG,
                                configs,
                                1_000,
                                Map.of()),
                        alerts,
                        deadLetters,
                        HazardJobConfig.defaults("unused:9092"))
                .build(env);
        env.execute("hazard-pipeline-dead-letters");

        // then the alert is exactly as without the broken records
        assertThat(alerts.values())
                .extracting(HazardPipelineHarnessTest::transition)
                .containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2");
        // and each broken record is one dead letter with its own bytes
        assertThat(deadLetters.values())
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetter.UNDECODABLE))
                .extracting(d -> new String(d.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        "{\"gw\":",
                        "",
                        "[1,2,3]",
                        new String(brokenConfig, StandardCharsets.UTF_8));
        assertThat(deadLetters.values())
                .filteredOn(d -> d.key().equals(KafkaTopics.SITE_CONFIG))
                .singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("-1"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
