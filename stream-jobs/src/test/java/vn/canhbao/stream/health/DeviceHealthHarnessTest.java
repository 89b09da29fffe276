package vn.canhbao.stream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.canhbao.stream.DemoSites.GATEWAY;
import static vn.canhbao.stream.DemoSites.NAM_CANG;
import static vn.canhbao.stream.DemoSites.RAIN;
import static vn.canhbao.stream.DemoSites.WATER;
import static vn.canhbao.stream.DemoSites.namCang;
import static vn.canhbao.stream.DemoSites.reading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.ListSource;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.gateway.GatewayRulesHarness;

/**
 * Device health on the operator harness of the gateway rules, which run it after the sensor rules:
 * processing time is set by the test; only device-health alerts are looked at. The demo site's
 * sensors report every 60 s, so with the default factor 3 a sensor is silent after 180 s.
 */
class DeviceHealthHarnessTest {
    /** A multiple of the 10 s timer granularity, so deadlines are exact. */
    private static final long NOW = 1_000_000L;

    private static final long MINUTE = 60_000L;

    private KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                GatewayRulesHarness.open(
                        PendingLimits.defaults(), Optional.of(DeviceHealthParams.defaults()), NOW);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    /**
     * Sends readings of minute {@code minute} at processing time NOW + minute, consecutive readings
     * of one gateway as one message.
     */
    private void at(int minute, TelemetryRecord... readings) throws Exception {
        harness.setProcessingTime(NOW + minute * MINUTE);
        List<TelemetryRecord> message = new ArrayList<>();
        for (TelemetryRecord r : readings) {
            if (!message.isEmpty() && !message.get(0).gateway().equals(r.gateway())) {
                send(message);
                message.clear();
            }
            message.add(r);
        }
        send(message);
    }

    private void send(List<TelemetryRecord> message) throws Exception {
        harness.processElement(ListSource.packOf(message), message.get(0).time().toEpochMilli());
    }

    /** The alerts device health emitted (the sensor rules' flat-line alerts are left out). */
    private List<AlertEvent> healthAlerts() {
        return harness.extractOutputValues().stream()
                .filter(a -> a.ruleId().startsWith("device.silent."))
                .toList();
    }

    private static TelemetryRecord water(int minute) {
        return reading(GATEWAY, WATER, Quantity.WATER_LEVEL, minute, 1.0);
    }

    private static TelemetryRecord rain(int minute, double mm) {
        return reading(GATEWAY, RAIN, Quantity.RAIN, minute, mm);
    }

    private List<String> alerts() {
        return healthAlerts().stream()
                .map(a -> a.ruleId() + ":" + a.state().wireName() + ":" + a.level().number())
                .toList();
    }

    /** Gateway keys that keep a value (sensor rule states, device health or pending readings). */
    private long keysWithState() throws Exception {
        return GatewayRulesHarness.gatewayStates(harness).size();
    }

    private static final String SENSOR_RULE = "device.silent.sensor/gw-nam-cang/wl-nam-cang";
    private static final String GATEWAY_RULE = "device.silent.gateway/gw-nam-cang";

    @Test
    void aSensorSilentForThreeIntervalsWhileItsGatewayReportsRaisesAnAlertItsNextReadingClears()
            throws Exception {
        // given both sensors reporting, then the water-level sensor silent after minute 1
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0), rain(0, 0));
        at(1, water(1), rain(1, 0));
        at(2, rain(2, 0));
        at(3, rain(3, 0));

        // when processing time passes 3 × 60 s after its last reading (minute 1 + 180 s), and
        // the rain gauge's next reading proves the gateway alive
        harness.setProcessingTime(NOW + MINUTE + 179_999);
        assertThat(healthAlerts()).isEmpty();
        at(4, rain(4, 0));
        harness.setProcessingTime(NOW + 5 * MINUTE);

        // then one sensor alert at level 1, silent since its last reading
        assertThat(alerts()).containsExactly(SENSOR_RULE + ":raised:1");
        AlertEvent raised = healthAlerts().get(0);
        assertThat(raised.hazard()).isEqualTo(Hazard.DEVICE_SILENT);
        assertThat(raised.site()).isEqualTo(NAM_CANG);
        assertThat(raised.episodeStart()).isEqualTo(water(1).time());
        assertThat(raised.evidence())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.sensor()).isEqualTo(WATER);
                            assertThat(e.thresholdValue()).isEqualTo(180.0);
                        });

        // when it reports again
        at(6, water(6));

        // then the same alert is cleared, and one timer watches the gateway again
        assertThat(alerts()).containsExactly(SENSOR_RULE + ":raised:1", SENSOR_RULE + ":cleared:1");
        List<AlertEvent> out = healthAlerts();
        assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
        assertThat(out.get(1).revision()).isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }

    @Test
    void aGatewaySilentDuringHeavyRainRaisesOneGatewayAlertAtLevelTwoAndNoSensorAlerts()
            throws Exception {
        // given 3 × 5 mm of rain in the last minutes before the gateway falls silent
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0), rain(0, 5));
        at(1, water(1), rain(1, 5));
        at(2, water(2), rain(2, 5));

        // when nothing arrives for 3 intervals
        harness.setProcessingTime(NOW + 5 * MINUTE);

        // then one gateway alert at level 2 with the rain as evidence, and no timer left
        assertThat(alerts()).containsExactly(GATEWAY_RULE + ":raised:2");
        AlertEvent raised = healthAlerts().get(0);
        assertThat(raised.evidence())
                .extracting(e -> e.sensor().value() + ":" + e.threshold())
                .containsExactlyInAnyOrder(
                        "rg-nam-cang:silent-after-s",
                        "wl-nam-cang:silent-after-s",
                        "rg-nam-cang:rain-60min-mm");
        assertThat(raised.evidence())
                .filteredOn(e -> e.threshold().startsWith("rain"))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(15.0));
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // and staying silent adds nothing
        harness.setProcessingTime(NOW + 60 * MINUTE);
        assertThat(healthAlerts()).hasSize(1);

        // when the gateway comes back
        at(61, water(61), rain(61, 0));

        // then the gateway alert is cleared
        assertThat(alerts())
                .containsExactly(GATEWAY_RULE + ":raised:2", GATEWAY_RULE + ":cleared:2");
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }

    @Test
    void rainAtTheSameGatewayEscalatesAnOpenSensorSilence() throws Exception {
        // given the water-level sensor silent in dry weather
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0), rain(0, 0));
        for (int m = 1; m <= 4; m++) {
            at(m, rain(m, 0));
        }
        assertThat(alerts()).containsExactly(SENSOR_RULE + ":raised:1");

        // when the rain gauge measures 12 mm within the hour
        at(5, rain(5, 6));
        at(6, rain(6, 6));

        // then the silence is escalated to level 2, once
        at(7, rain(7, 6));
        assertThat(alerts()).containsExactly(SENSOR_RULE + ":raised:1", SENSOR_RULE + ":updated:2");
    }

    @Test
    void sensorsOfAGatewayShareOneRoundedTimerThatMovesWithTheirReadings() throws Exception {
        // given two sensors reporting a few seconds apart, for an hour
        harness.processBroadcastElement(namCang(1), 0);
        for (int m = 0; m < 60; m++) {
            harness.setProcessingTime(NOW + m * MINUTE + 1_234);
            send(List.of(water(m)));
            harness.setProcessingTime(NOW + m * MINUTE + 7_000);
            send(List.of(rain(m, 0)));

            // then there is only ever one timer: each reading replaces the superseded one
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        }
        // and no alert
        assertThat(healthAlerts()).isEmpty();
        assertThat(keysWithState()).isEqualTo(1);
    }

    @Test
    void readingsOfUnconfiguredSensorsLeaveNoStateAndNoTimers() throws Exception {
        // given a config for Nậm Cang only
        harness.processBroadcastElement(namCang(1), 0);

        // when a sensor no site lists reports, and another one of an unknown gateway
        at(
                0,
                reading(GATEWAY, SensorId.of("wl-unknown"), Quantity.WATER_LEVEL, 0, 1.0),
                reading(GatewayId.of("gw-other"), WATER, Quantity.WATER_LEVEL, 0, 1.0));
        harness.setProcessingTime(NOW + 60 * MINUTE);

        // then nothing is kept and nothing fires
        assertThat(keysWithState()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(healthAlerts()).isEmpty();
    }

    @Test
    void aSensorRemovedFromItsSiteIsForgottenWithItsEpisodeAndLeavesNoStateOrTimers()
            throws Exception {
        // given only the water-level sensor reporting, then silent (a gateway alert: it is the
        // gateway's only reporting sensor)
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0));
        harness.setProcessingTime(NOW + 4 * MINUTE);
        assertThat(alerts()).containsExactly(GATEWAY_RULE + ":raised:1");

        // when it comes back, then a new config removes both sensors, and time passes
        at(5, water(5));
        SiteConfig none =
                new SiteConfig(
                        NAM_CANG,
                        2,
                        "Suối Nậm Cang",
                        "Xã Nậm Cang",
                        "Lào Cai",
                        namCang(1).location(),
                        List.of(),
                        Optional.empty(),
                        namCang(1).updatedAt());
        harness.processBroadcastElement(none, 0);
        harness.setProcessingTime(NOW + 20 * MINUTE);

        // then the gateway's state and timer are gone, and nothing more was raised
        assertThat(alerts())
                .containsExactly(GATEWAY_RULE + ":raised:1", GATEWAY_RULE + ":cleared:1");
        assertThat(keysWithState()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void replayingTheSameReadingsGivesTheSameAlertIds() throws Exception {
        // given a silence raised once
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0), rain(0, 0));
        harness.setProcessingTime(NOW + 4 * MINUTE);
        String first = healthAlerts().get(0).alertId();

        // when another harness sees the same readings at other processing times
        closeHarness();
        openHarness();
        harness.setProcessingTime(NOW + 999 * MINUTE);
        harness.processBroadcastElement(namCang(1), 0);
        send(List.of(water(0)));
        send(List.of(rain(0, 0)));
        harness.setProcessingTime(NOW + 1010 * MINUTE);

        // then the alert id is the same: it depends on the readings, not on the clock
        assertThat(healthAlerts().get(0).alertId()).isEqualTo(first);
    }

    @Test
    void aHeldValueAndDeviceHealthSharingATimerMillisecondEachKeepTheirTimer() throws Exception {
        // given the water-level sensor alone reporting, then, at the same processing time, a step
        // QC holds for its next sample: the hold's timer (now + the 180 s gap limit) falls on the
        // same millisecond as the sensor's silence deadline (3 × 60 s), so both use one Flink
        // timer
        harness.processBroadcastElement(namCang(1), 0);
        at(0, water(0));
        send(List.of(water(1)));
        send(List.of(reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 2, 4.6)));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // when the next sample releases the held value at the same processing time (the
        // deadline does not move)
        send(List.of(reading(GATEWAY, WATER, Quantity.WATER_LEVEL, 3, 1.0)));

        // then device health's timer is still there and raises the silence at its deadline
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.setProcessingTime(NOW + 180_000);
        assertThat(alerts()).containsExactly(GATEWAY_RULE + ":raised:1");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
