package vn.canhbao.stream.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.CollectingSink;
import vn.canhbao.stream.HazardJob;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.ListSource;
import vn.canhbao.stream.health.DeviceHealthParams;
import vn.canhbao.stream.scenario.Scenarios.Scenario;

/**
 * Storm scenarios replayed through the whole {@link HazardJob} on a MiniCluster (in-memory sources
 * and sink), each against its expected alert timeline. Minutes are reading (event) times after
 * {@code DemoSites.T0}.
 */
class ScenarioTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    static List<AlertEvent> replay(Scenario s, HazardJobConfig config, double perSecond)
            throws Exception {
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryRecord.class, s.readings(), perSecond, s.pauses()),
                        ListSource.of(SiteConfig.class, s.configs()),
                        alerts,
                        config)
                .build(env);
        env.execute("scenario");
        return alerts.values();
    }

    private static HazardJobConfig config() {
        return HazardJobConfig.defaults("unused:9092");
    }

    @Test
    void flashFloodOnASmallStreamRaisesAFlashFloodAlertFirstThenFloodStagesUpAndDown()
            throws Exception {
        // given a rise of 0.2 m a minute through BĐ I, II and III and a fall of 0.15 m a minute
        // when
        List<AlertEvent> alerts = replay(Scenarios.flashFlood(), config(), 200);

        // then (2 of 3 readings to raise or escalate; 10 min below stage − 5 cm to step down)
        Timeline.expect()
                .then("flood", "raised", 1, 17)
                .then("flood", "updated", 2, 22)
                .then("flood", "updated", 3, 27)
                .then("flood", "updated", 2, 42)
                .then("flood", "updated", 1, 48)
                .then("flood", "cleared", 1, 55)
                .matches(alerts, 1, List.of("flood"));
        assertThat(alerts)
                .filteredOn(a -> a.hazard() == Hazard.FLOOD)
                .extracting(AlertEvent::alertId)
                .hasSize(6)
                .containsOnly(
                        alerts.stream()
                                .filter(a -> a.hazard() == Hazard.FLOOD)
                                .findFirst()
                                .orElseThrow()
                                .alertId());
        // and the rate-of-rise rule (hazards RateOfRiseRule, 12 m/h ≥ 1.0 m/h) raises a flash
        // flood at level 3 a minute before BĐ I is confirmed, clearing after the fall
        Timeline.expect()
                .then("flash_flood", "raised", 3, 16)
                .then("flash_flood", "cleared", 3, 59)
                .matches(alerts, 1);
        assertThat(alerts).hasSize(8);
    }

    @Test
    void slowRiverFloodRaisesAtBdOneReachesBdTwoAndStepsDownOverTwoDays() throws Exception {
        // given a rise of 0.1 m an hour to 3.4 m, six hours at the crest, the same fall; a reading
        // every 15 min
        // when
        List<AlertEvent> alerts = replay(Scenarios.slowRiverFlood(), config(), 500);

        // then
        Timeline.expect()
                .then("flood", "raised", 1, 615)
                .then("flood", "updated", 2, 1215)
                .then("flood", "updated", 1, 2100)
                .then("flood", "cleared", 1, 2700)
                .matches(alerts, 15);
    }

    @Test
    void aSingleSpikeRaisesNothing() throws Exception {
        // given calm water with one reading of 4.6 m
        // when
        List<AlertEvent> alerts = replay(Scenarios.spike(), config(), 200);

        // then
        assertThat(alerts).isEmpty();
    }

    @Test
    void lateAndOutOfOrderReadingsGiveTheSameTransitionsWithinTwoReadingsAndNoRepeats()
            throws Exception {
        // given the flash flood with swapped pairs, readings three places late and a re-delivered
        // stretch of the rise
        // when
        List<AlertEvent> alerts = replay(Scenarios.flashFloodLateAndOutOfOrder(), config(), 200);

        // then the same transitions as in order, each within two minutes (an older reading than
        // the newest is ignored by the rule), and nothing twice
        Timeline.expect()
                .then("flood", "raised", 1, 17)
                .then("flood", "updated", 2, 22)
                .then("flood", "updated", 3, 27)
                .then("flood", "updated", 2, 42)
                .then("flood", "updated", 1, 48)
                .then("flood", "cleared", 1, 55)
                .matches(alerts, 2, List.of("flood"));
        Timeline.expect()
                .then("flash_flood", "raised", 3, 16)
                .then("flash_flood", "cleared", 3, 59)
                .matches(alerts, 3);
        assertThat(alerts).hasSize(8);
    }

    @Test
    void aGatewaySilentDuringHeavyRainRaisesALevelTwoOperatorAlertThatClearsWhenItReturns()
            throws Exception {
        // given sensors that report every second, 5 mm of rain a minute, then 6 s of silence
        HazardJobConfig config =
                config().withDeviceHealth(
                                new DeviceHealthParams(
                                        3, Duration.ofSeconds(1), Duration.ofHours(1), 10.0));

        // when
        List<AlertEvent> alerts = replay(Scenarios.gatewaySilentInHeavyRain(6_000), config, 10);

        // then one gateway alert at level 2, from the last reading before the silence (minute
        // 19) to the first after it (minute 20); no sensor alerts and no flood alert
        Timeline.expect()
                .then("device_silent", "raised", 2, 19)
                .then("device_silent", "cleared", 2, 20)
                .matches(alerts, 0);
        // and the rain itself (100 mm in 24 h at minute 19, 2 of 3 evaluations) is a local
        // heavy-rain alert at level 1 (heavy-rain table, midland/mountain terrain, 1 day)
        Timeline.expect().then("heavy_rain", "raised", 1, 20).matches(alerts, 1);
        assertThat(alerts)
                .filteredOn(a -> a.hazard() != Hazard.HEAVY_RAIN)
                .allSatisfy(
                        a -> {
                            assertThat(a.hazard()).isEqualTo(Hazard.DEVICE_SILENT);
                            assertThat(a.ruleId()).isEqualTo("device.silent.gateway/gw-nam-cang");
                            assertThat(a.localSensorAlert()).isTrue();
                        });
        assertThat(
                        alerts.stream()
                                .filter(a -> a.hazard() == Hazard.DEVICE_SILENT)
                                .findFirst()
                                .orElseThrow()
                                .evidence())
                .filteredOn(e -> e.threshold().startsWith("rain"))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(100.0));
    }

    @Test
    void aGatewayReportingThroughoutRaisesNoDeviceAlert() throws Exception {
        // given the same heavy rain without the silence
        HazardJobConfig config =
                config().withDeviceHealth(
                                new DeviceHealthParams(
                                        3, Duration.ofSeconds(1), Duration.ofHours(1), 10.0));
        Scenario noSilence = Scenarios.gatewaySilentInHeavyRain(0);

        // when
        List<AlertEvent> alerts =
                replay(
                        new Scenario(noSilence.configs(), noSilence.readings(), Map.of(0, 1_000L)),
                        config,
                        10);

        // then no device alert, only the heavy rain
        assertThat(alerts).noneMatch(a -> a.hazard() == Hazard.DEVICE_SILENT);
        Timeline.expect().then("heavy_rain", "raised", 1, 20).matches(alerts, 1);
        assertThat(alerts).hasSize(1);
    }
}
