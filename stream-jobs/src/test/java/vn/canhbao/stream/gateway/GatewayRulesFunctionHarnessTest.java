package vn.canhbao.stream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.GATEWAY;
import static vn.canhbao.stream.DemoSites.NAM_CANG;
import static vn.canhbao.stream.DemoSites.RAIN;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.reading;
import static vn.canhbao.stream.DemoSites.thresholds;
import static vn.canhbao.stream.DemoSites.water;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.DemoSites;
import vn.canhbao.stream.ListSource;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.flood.SiteConfigState;

class GatewayRulesFunctionHarnessTest {
    private static final long NOW = 1_000_000L;
    private static final PendingLimits LIMITS = new PendingLimits(3, Duration.ofMinutes(5));

    private KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        // The sensor rules alone: device health has its own harness test.
        harness = GatewayRulesHarness.open(LIMITS, Optional.empty(), NOW);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    /** Each reading as its own gateway message. */
    private void send(TelemetryRecord... readings) throws Exception {
        for (TelemetryPack p : ListSource.packsOf(List.of(readings))) {
            harness.processElement(p, p.readings().get(0).time().toEpochMilli());
        }
    }

    private List<String> alerts() {
        return harness.extractOutputValues().stream()
                .map(a -> a.state().wireName() + ":" + a.level().number() + ":r" + a.revision())
                .toList();
    }

    /** How many sensors, over all gateway keys, have a rule state that satisfies {@code test}. */
    private long sensorsWith(Predicate<SensorState> test) throws Exception {
        long n = 0;
        for (GatewayState g : GatewayRulesHarness.gatewayStates(harness)) {
            for (int i = 0; i < g.size(); i++) {
                n += test.test(g.sensor(i)) ? 1 : 0;
            }
        }
        return n;
    }

    private long floodEpisodes() throws Exception {
        return sensorsWith(s -> s.flood() != null);
    }

    private long heldTimers() throws Exception {
        return sensorsWith(s -> s.qcTimer() != 0);
    }

    private long stuckEpisodes() throws Exception {
        return sensorsWith(s -> s.stuck() != null);
    }

    private long pendingBuffers() throws Exception {
        return GatewayRulesHarness.mapValues(harness, GatewayRulesFunction.PENDING).size();
    }

    private long timerUsers() throws Exception {
        return GatewayRulesHarness.mapValues(harness, SharedTimers.USERS).size();
    }

    private List<TelemetryRecord> unconfigured() {
        var side = harness.getSideOutput(GatewayRulesFunction.UNCONFIGURED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void configThenRisingWaterRaisesThenEscalatesOneEpisode() throws Exception {
        // given
        harness.processBroadcastElement(namCang(1), 0);

        // when the water rises through BĐ I, II and III, two readings each
        send(
                water(0, 1.2),
                water(1, 2.1),
                water(2, 2.2),
                water(3, 3.1),
                water(4, 3.2),
                water(5, 4.1),
                water(6, 4.3));

        // then
        assertThat(alerts()).containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2");
        List<AlertEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(AlertEvent::alertId).containsOnly(events.get(0).alertId());
        assertThat(events)
                .allSatisfy(
                        a -> {
                            assertThat(a.site()).isEqualTo(NAM_CANG);
                            assertThat(a.localSensorAlert()).isTrue();
                            assertThat(a.emittedAt().toEpochMilli()).isEqualTo(NOW);
                        });
        assertThat(floodEpisodes()).isEqualTo(1);
        assertThat(pendingBuffers()).isZero();
        assertThat(timerUsers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void readingsBeforeTheirConfigAreBufferedThenReplayedInOrderBeforeTheGatewaysNextMessage()
            throws Exception {
        // given readings that would raise, before any config
        send(water(0, 2.3), water(1, 2.4));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(pendingBuffers()).isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // when the config arrives, then the gateway's next message
        harness.processBroadcastElement(namCang(1), 0);
        send(water(2, 2.2));

        // then the buffered readings are replayed first, in order, and raise; the message
        // follows; the buffer and its timer are gone
        assertThat(alerts()).containsExactly("raised:1:r0");
        assertThat(harness.extractOutputValues().get(0).episodeStart())
                .isEqualTo(water(1, 0).time());
        assertThat(pendingBuffers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(timerUsers()).isZero();
        assertThat(floodEpisodes()).isEqualTo(1);

        // and later readings go straight to the rule
        send(water(3, 3.5), water(4, 3.6));
        assertThat(alerts()).containsExactly("raised:1:r0", "updated:2:r1");
        assertThat(unconfigured()).isEmpty();
    }

    @Test
    void aBufferWhoseConfigCameButNoFurtherMessageIsReplayedWithinASecondByItsTimer()
            throws Exception {
        // given readings before the config, then the config, then silence
        send(water(0, 2.3), water(1, 2.4));
        harness.processBroadcastElement(namCang(1), 0);
        assertThat(harness.extractOutputValues()).isEmpty();

        // when a second passes
        harness.setProcessingTime(NOW + 1_000);

        // then they are evaluated, not sent to the unconfigured output, and nothing is pending
        assertThat(alerts()).containsExactly("raised:1:r0");
        assertThat(unconfigured()).isEmpty();
        assertThat(pendingBuffers()).isZero();
        assertThat(timerUsers()).isZero();
    }

    @Test
    void aNewerConfigChangesThresholdsWithoutRestartAndAnOlderOneIsIgnored() throws Exception {
        // given BĐ I at 2.0 m and water at 1.5 m: nothing
        harness.processBroadcastElement(namCang(1), 0);
        send(water(0, 1.5), water(1, 1.5));
        assertThat(harness.extractOutputValues()).isEmpty();

        // when version 2 lowers BĐ I to 1.0 m
        harness.processBroadcastElement(namCang(2, thresholds(1.0, 3.0, 4.0)), 0);
        send(water(2, 1.5), water(3, 1.5));

        // then the same water level now raises
        assertThat(alerts()).containsExactly("raised:1:r0");

        // and a late copy of version 1 does not bring the old levels back
        harness.processBroadcastElement(namCang(1), 0);
        assertThat(harness.getBroadcastState(SiteConfigState.SITES).get("nam-cang").version())
                .isEqualTo(2);
        send(water(4, 1.5), water(5, 1.5));
        assertThat(alerts()).containsExactly("raised:1:r0");
    }

    @Test
    void quietWaterAndOtherQuantitiesLeaveNoKeyedState() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);

        send(water(0, 0.8), water(1, 0.9), reading(GATEWAY, RAIN, Quantity.RAIN, 1, 12.5));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(floodEpisodes()).isZero();
        assertThat(pendingBuffers()).isZero();
        assertThat(timerUsers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aClearedEpisodeLeavesNoKeyedState() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        send(water(0, 2.5), water(1, 2.5));
        for (int minute = 2; minute <= 13; minute++) {
            send(water(minute, 1.0));
        }

        assertThat(alerts()).containsExactly("raised:1:r0", "cleared:1:r1");
        assertThat(floodEpisodes()).isZero();
    }

    @Test
    void readingsOfSensorsNoConfigListsGoToTheSideOutputAndAreBounded() throws Exception {
        // given a sensor no site lists, sending one reading more than the buffer holds
        GatewayId gw = GatewayId.of("gw-unknown");
        SensorId sensor = SensorId.of("wl-unknown");
        harness.processBroadcastElement(namCang(1), 0);
        for (int minute = 0; minute < 4; minute++) {
            send(reading(gw, sensor, Quantity.WATER_LEVEL, minute, 9.0));
        }

        // then the oldest overflowed at once
        assertThat(unconfigured()).extracting(TelemetryRecord::seq).containsExactly(0L);

        // when the buffer's age limit passes
        harness.setProcessingTime(NOW + LIMITS.maxAge().toMillis());

        // then the rest follow, in order, and nothing is left behind
        assertThat(unconfigured()).extracting(TelemetryRecord::seq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(pendingBuffers()).isZero();
        assertThat(timerUsers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aSensorDroppedFromItsSiteIsNoLongerEvaluated() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        SiteConfig withoutWater =
                new SiteConfig(
                        NAM_CANG,
                        2,
                        "Suối Nậm Cang",
                        "Xã Nậm Cang",
                        "Lào Cai",
                        namCang(1).location(),
                        List.of(namCang(1).sensors().get(1)),
                        namCang(1).flood(),
                        namCang(1).updatedAt());

        harness.processBroadcastElement(withoutWater, 0);
        send(water(0, 2.5), water(1, 2.5));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(pendingBuffers()).isEqualTo(1);
    }

    private long timersAndEpisodes() throws Exception {
        return harness.numProcessingTimeTimers()
                + harness.numEventTimeTimers()
                + heldTimers()
                + floodEpisodes()
                + stuckEpisodes()
                + timerUsers();
    }

    private static SiteConfig namCangWith(SensorConfig... sensors) {
        SiteConfig s = namCang(1);
        return new SiteConfig(
                s.site(),
                s.version(),
                s.name(),
                s.commune(),
                s.province(),
                s.location(),
                List.of(sensors),
                s.flood(),
                s.updatedAt());
    }

    @Test
    void aLoneSpikeIsHeldWithOneTimerThatTheNextReadingReleasesAndDeletes() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        send(water(0, 1.0), water(1, 1.0), water(2, 4.6));

        // the step is held for its next sample, with one timer
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        assertThat(heldTimers()).isEqualTo(1);

        send(water(3, 1.0));

        // the spike failed QARTOD's three-point test: no alert, no timer, nothing left
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(timersAndEpisodes()).isZero();
    }

    @Test
    void aHeldStepWithoutANextReadingIsReleasedAsSuspectByItsTimerAndReachesTheRules()
            throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        send(water(0, 2.1), water(1, 2.1), water(2, 3.5));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // when the gap limit (3 × 60 s) passes in processing time
        harness.setProcessingTime(NOW + 180_001);

        // then the held 3.5 m is released (suspect, usable): with 2.1 m twice before it, the flood
        // rule raises (2 of 3 at BĐ I or above); the timer and its bookkeeping are gone
        assertThat(alerts()).containsExactly("raised:1:r0");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(heldTimers()).isZero();
    }

    @Test
    void aFlatLineRaisesADeviceAlertAtSuspectEscalatesAtFailAndClearsLeavingNoEpisode()
            throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        for (int m = 0; m < 360; m++) {
            send(water(m, 1.5));
        }
        send(water(360, 1.6));

        List<AlertEvent> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(
                        a ->
                                a.hazard().wireName()
                                        + ":"
                                        + a.state().wireName()
                                        + ":"
                                        + a.level().number()
                                        + "@"
                                        + a.time().getEpochSecond() / 60 % 1440)
                .containsExactly(
                        "device_silent:raised:1@59",
                        "device_silent:updated:2@359",
                        "device_silent:cleared:2@360");
        assertThat(out).extracting(AlertEvent::alertId).containsOnly(out.get(0).alertId());
        assertThat(out.get(1).evidence())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.threshold()).isEqualTo("flat_line_fail_samples");
                            assertThat(e.thresholdValue()).isEqualTo(360);
                            assertThat(e.value()).isEqualTo(1.5);
                        });
        assertThat(out.get(0).ruleId()).isEqualTo("device.stuck.sensor/gw-nam-cang/wl-nam-cang");
        assertThat(timersAndEpisodes()).isZero();
    }

    @Test
    void aValueOutsideTheSensorsRangeAfterCalibrationIsADeadLetterAndReachesNoRule()
            throws Exception {
        // given a water-level sensor whose offset puts every reading above 500 m
        harness.processBroadcastElement(
                namCangWith(
                        new SensorConfig(
                                DemoSites.WATER,
                                GATEWAY,
                                Quantity.WATER_LEVEL,
                                1,
                                600,
                                Duration.ofSeconds(60))),
                0);

        send(water(0, 1.0), water(1, 1.0));

        var rejected = harness.getSideOutput(GatewayRulesFunction.REJECTED);
        assertThat(rejected).hasSize(2);
        assertThat(rejected.peek().getValue().reason()).isEqualTo("qc_gross_range");
        assertThat(rejected.peek().getValue().field()).isEqualTo("value");
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void rainGoesOnToTheSiteRulesOnceEvenWhenDeliveredTwice() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        TelemetryRecord rain = reading(GATEWAY, RAIN, Quantity.RAIN, 1, 12.5);

        send(rain, reading(GATEWAY, RAIN, Quantity.RAIN, 2, 3.0), rain);

        var inputs = harness.getSideOutput(GatewayRulesFunction.SITE_INPUTS);
        assertThat(inputs)
                .extracting(r -> r.getValue().value() + "@" + r.getValue().site())
                .containsExactly("12.5@nam-cang", "3.0@nam-cang");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void rainRepeatsAreDroppedAfterTheRememberedTimesWrapAround() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);
        int minutes = GatewayRulesFunction.RECENT_TIMES + 8; // the ring of times wraps
        for (int m = 0; m < minutes; m++) {
            send(reading(GATEWAY, RAIN, Quantity.RAIN, m, 1.0));
        }
        TelemetryRecord newest = reading(GATEWAY, RAIN, Quantity.RAIN, minutes - 1, 1.0);
        TelemetryRecord inRing = reading(GATEWAY, RAIN, Quantity.RAIN, minutes - 3, 1.0);
        TelemetryRecord lateButNew = lateRain(minutes - 10, 2.5);

        // when the newest and an older remembered one come again, and a late reading never seen
        send(newest, inRing, lateButNew);
        // and the late one comes again too
        send(lateButNew);

        // then each time went on once
        var inputs = harness.getSideOutput(GatewayRulesFunction.SITE_INPUTS);
        assertThat(inputs).hasSize(minutes + 1);
        assertThat(inputs)
                .extracting(r -> r.getValue().time())
                .doesNotHaveDuplicates()
                .contains(lateButNew.time().toEpochMilli());
    }

    /** A rain reading half a minute after minute {@code minute}: between the regular ones. */
    private static TelemetryRecord lateRain(int minute, double mm) {
        TelemetryRecord r = reading(GATEWAY, RAIN, Quantity.RAIN, minute, mm);
        return new TelemetryRecord(
                r.gateway(),
                r.sensor(),
                r.quantity(),
                r.unit(),
                r.value(),
                r.time().plusSeconds(30),
                r.seq() + 100_000,
                r.receivedAt().plusSeconds(600));
    }

    @Test
    void aSensorSilentForTwoDaysHasItsRuleStateDroppedAtItsGatewaysNextMessage() throws Exception {
        // given the water level in a flood episode and the rain gauge, both reporting
        harness.processBroadcastElement(namCang(1), 0);
        for (int m = 0; m < 3; m++) {
            send(water(m, 3.2), reading(GATEWAY, RAIN, Quantity.RAIN, m, 0.2));
        }
        assertThat(floodEpisodes()).isEqualTo(1);

        // when only the rain gauge reports again, just over two days later
        harness.setProcessingTime(NOW + GatewayRulesFunction.SENSOR_STATE_TTL.toMillis() + 60_000);
        send(reading(GATEWAY, RAIN, Quantity.RAIN, 3 * 24 * 60, 0.2));

        // then the silent sensor's state (with its episode) is gone, the reporting one's kept
        assertThat(floodEpisodes()).isZero();
        assertThat(GatewayRulesHarness.gatewayStates(harness))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.size()).isEqualTo(1);
                            assertThat(g.id(0)).isEqualTo(RAIN.value());
                        });
    }

    @Test
    void sustainedStrongWindRaisesALocalStrongWindAlert() throws Exception {
        SensorId anemometer = SensorId.of("an-nam-cang");
        harness.processBroadcastElement(
                namCangWith(
                        new SensorConfig(
                                anemometer,
                                GATEWAY,
                                Quantity.WIND_SPEED,
                                1,
                                0,
                                Duration.ofSeconds(60))),
                0);

        // 15 m/s (Beaufort 7) every minute
        for (int m = 0; m < 5; m++) {
            send(reading(GATEWAY, anemometer, Quantity.WIND_SPEED, m, 15.0));
        }

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.hazard().wireName()).isEqualTo("strong_wind");
                            assertThat(a.level().number()).isEqualTo(1);
                            assertThat(a.localSensorAlert()).isTrue();
                        });
    }

    @Test
    void aReadingOfAnotherQuantityThanConfiguredIsADeadLetter() throws Exception {
        harness.processBroadcastElement(namCang(1), 0);

        send(reading(GATEWAY, DemoSites.WATER, Quantity.RAIN, 0, 3.0));

        assertThat(harness.getSideOutput(GatewayRulesFunction.REJECTED))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getValue().reason()).isEqualTo("quantity_mismatch");
                            assertThat(r.getValue().field()).isEqualTo("quantity");
                        });
        assertThat(harness.getSideOutput(GatewayRulesFunction.SITE_INPUTS)).isNull();
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
