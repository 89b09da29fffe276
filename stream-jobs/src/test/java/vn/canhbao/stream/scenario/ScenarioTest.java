package vn.canhbao.stream.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.hazards.vn.Art46Table;
import vn.canhbao.stream.CollectingSink;
import vn.canhbao.stream.HazardJob;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.ListSource;
import vn.canhbao.stream.health.DeviceHealthParams;
import vn.canhbao.stream.scenario.Scenarios.Scenario;
import vn.canhbao.stream.site.SiteRuleSettings;

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
        return replay(s, config, perSecond, new Configuration());
    }

    /** As above, with Flink settings for the job (a state backend, checkpoints). */
    static List<AlertEvent> replay(
            Scenario s, HazardJobConfig config, double perSecond, Configuration flink)
            throws Exception {
        CollectingSink<AlertEvent> alerts = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(1);
        new HazardJob(
                        ListSource.withPauses(
                                TelemetryPack.class,
                                ListSource.packsOf(s.readings()),
                                perSecond,
                                s.pauses()),
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

    @Test
    void aStuckSensorIsADeviceAlertRaisedAtSuspectEscalatedAtFailAndNeverAFloodAlert()
            throws Exception {
        // given calm water, then the same 1.23 m for 400 minutes from minute 30, then moving again
        // when
        List<AlertEvent> alerts = replay(Scenarios.stuckSensor(), config(), 500);

        // then QARTOD flat line: suspect at the 60th identical value (minute 89), fail at the
        // 360th (minute 389), cleared by the first value that moves (minute 430)
        Timeline.expect()
                .then("device_silent", "raised", 1, 89)
                .then("device_silent", "updated", 2, 389)
                .then("device_silent", "cleared", 2, 430)
                .matches(alerts, 0);
        assertThat(alerts)
                .allSatisfy(
                        a -> {
                            assertThat(a.ruleId())
                                    .isEqualTo("device.stuck.sensor/gw-nam-cang/wl-nam-cang");
                            assertThat(a.localSensorAlert()).isTrue();
                        });
        assertThat(alerts).hasSize(3);
    }

    static HazardJobConfig langNuConfig() {
        return config().withSiteRules(
                        SiteRuleSettings.defaults()
                                .withZone(Scenarios.LANG_NU.value(), Art46Table.Zone.high));
    }

    @Test
    void rainTriggeredLandslideWithAcceleratingDisplacementRaisesWatchWarningThenEmergency()
            throws Exception {
        // given a prior rain day (9 mm), 12 h of 10 mm/h from minute 1440, and a slope whose
        // inverse velocity falls linearly towards failure at minute 2280 (it stops at 2220)
        // when
        List<AlertEvent> alerts = replay(Scenarios.rainTriggeredLandslide(), langNuConfig(), 500);

        // then the combined landslide rule (2 of 3 evaluations, one every 10 min):
        // - Watch when the 1-h mean reaches Guzzetti 2007 (7.56 mm/h): 5 readings, minute 1480,
        //   raised at the next evaluation, 1490;
        // - Warning when the 3-h mean reaches Caine 1980 (14.82·3^-0.39 = 9.8 mm/h): minute 1610,
        //   escalated 1620;
        // - Emergency when the inverse-velocity fit forecasts failure within 24 h (newest velocity
        //   ≥ 1.5 mm/h, from about minute 2080, over 12 smoothed 10-min velocities): 2120;
        // - movement stops at 2220: Emergency left after 60 min clear time (2330), the rain grade
        //   ends with the rain event (6 h dry after 2160) and clears 60 min later (2570).
        Timeline.expect()
                .then("landslide", "raised", 1, 1490)
                .then("landslide", "updated", 2, 1620)
                .then("landslide", "updated", 3, 2120)
                .then("landslide", "updated", 2, 2330)
                .then("landslide", "cleared", 2, 2570)
                .matches(Timeline.ofRule(alerts, "landslide.combined"), 10);
        assertThat(Timeline.ofRule(alerts, "landslide.combined"))
                .filteredOn(a -> a.level().number() == 3)
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(a.evidence())
                                        .extracting(e -> e.threshold())
                                        .contains("inverse_velocity_hours_to_failure"));
        // and the 24 h total passes 100 mm at minute 2030 (after one prior rain day): Article 46
        // level 2 for a high-susceptibility zone of province group KV1 (Lào Cai), and the
        // heavy-rain table's level 1; both stay raised while the 24 h total stays above 100 mm
        Timeline.expect()
                .then("landslide", "raised", 2, 2040)
                .matches(Timeline.ofRule(alerts, "vn.art46"), 10);
        Timeline.expect().then("heavy_rain", "raised", 1, 2040).matches(alerts, 10);
        assertThat(alerts).allSatisfy(a -> assertThat(a.localSensorAlert()).isTrue());
        assertThat(alerts).hasSize(7);
    }

    @Test
    void aLandslideDeliveredLateAndOutOfOrderGivesTheSameTransitionsWithinTwoReadings()
            throws Exception {
        // given the same storm with swapped pairs and readings four places late
        // when
        List<AlertEvent> alerts =
                replay(Scenarios.rainTriggeredLandslideLateAndOutOfOrder(), langNuConfig(), 500);

        // then the same transitions, each within two readings (20 min): a late rain reading lands
        // in its own bin and triggers an evaluation at once
        Timeline.expect()
                .then("landslide", "raised", 1, 1490)
                .then("landslide", "updated", 2, 1620)
                .then("landslide", "updated", 3, 2120)
                .then("landslide", "updated", 2, 2330)
                .then("landslide", "cleared", 2, 2570)
                .matches(Timeline.ofRule(alerts, "landslide.combined"), 20);
        Timeline.expect()
                .then("landslide", "raised", 2, 2040)
                .matches(Timeline.ofRule(alerts, "vn.art46"), 20);
        Timeline.expect().then("heavy_rain", "raised", 1, 2040).matches(alerts, 20);
        assertThat(alerts).hasSize(7);
    }
}
