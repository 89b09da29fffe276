package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");

    @Test
    void namesEveryTopicUnderTheGatewaysOwnTree() {
        assertThat(MqttTopics.telemetry(GW)).isEqualTo("cb/v1/gw/gw-ta-van/telemetry");
        assertThat(MqttTopics.state(GW)).isEqualTo("cb/v1/gw/gw-ta-van/state");
        assertThat(MqttTopics.configAck(GW)).isEqualTo("cb/v1/gw/gw-ta-van/config/ack");
        assertThat(MqttTopics.sharedTelemetry("ingest"))
                .isEqualTo("$share/ingest/cb/v1/gw/+/telemetry");
    }

    @Test
    void readsTheGatewayBackFromATopic() {
        assertThat(MqttTopics.gatewayOf(MqttTopics.telemetry(GW))).isEqualTo(GW);
    }

    @Test
    void tellsTheGatewaysTelemetryTopicFromOthers() {
        assertThat(MqttTopics.isTelemetry("cb/v1/gw/gw-ta-van/telemetry", GW)).isTrue();
        for (String other :
                new String[] {
                    "cb/v1/gw/gw-ta-van/state",
                    "cb/v1/gw/gw-ta-va/telemetry",
                    "cb/v1/gw/gw-ta-van/x/telemetry",
                    "cb/v1/gw/gw-ta-vanx/telemetry",
                    "cb/v2/gw/gw-ta-van/telemetry",
                    "cb/v1/gw/gw-ta-van/telemetry/",
                    ""
                }) {
            assertThat(MqttTopics.isTelemetry(other, GW)).as(other).isFalse();
        }
    }

    @Test
    void refusesTopicsOutsideTheTreeOrWithABadGatewayLevel() {
        assertThatThrownBy(() -> MqttTopics.gatewayOf("other/gw-1/telemetry"))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("topic"));
        assertThatThrownBy(() -> MqttTopics.gatewayOf("cb/v1/gw/GW#1/telemetry"))
                .hasMessageContaining("gateway level");
    }

    @Test
    void idsRefuseCharactersThatWouldBreakTopics() {
        for (String bad : new String[] {"", "a/b", "a+b", "a#", "UPPER", "-lead", "x".repeat(64)}) {
            assertThatThrownBy(() -> GatewayId.of(bad))
                    .as(bad)
                    .isInstanceOf(ContractViolation.class);
        }
    }

    @Test
    void telemetryRecordsRoundTripAndKeepTheirSensorKey() {
        Reading r =
                new Reading(
                        GW,
                        SensorId.of("wl-1"),
                        Quantity.WATER_LEVEL,
                        1.25,
                        Instant.parse("2026-11-22T01:00:00.123Z"),
                        9);
        TelemetryRecord rec = TelemetryRecord.of(r, Instant.parse("2026-11-22T01:00:01Z"));

        TelemetryRecord back = TelemetryRecord.CODEC.decode(TelemetryRecord.CODEC.encode(rec));

        assertThat(back).isEqualTo(rec);
        assertThat(back.sensorKey()).isEqualTo("gw-ta-van/wl-1");
        assertThat(back.reading()).isEqualTo(r);
    }

    @Test
    void telemetryRecordsWithAWrongUnitAreRefused() {
        String json =
                new String(
                                TelemetryRecord.CODEC.encode(
                                        TelemetryRecord.of(
                                                new Reading(
                                                        GW,
                                                        SensorId.of("wl-1"),
                                                        Quantity.WATER_LEVEL,
                                                        1,
                                                        Instant.EPOCH.plusSeconds(1 << 29),
                                                        1),
                                                Instant.EPOCH)),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"unit\":\"m\"", "\"unit\":\"ft\"");

        assertThatThrownBy(
                        () ->
                                TelemetryRecord.CODEC.decode(
                                        json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("unit"));
    }

    @Test
    void pendingSensorsRoundTripAndRefuseATimeLineRunningBackwards() {
        PendingSensor p =
                new PendingSensor(
                        GW,
                        SensorId.of("x-9"),
                        Quantity.TILT,
                        Instant.parse("2026-11-22T01:00:00Z"),
                        Instant.parse("2026-11-22T01:05:00Z"),
                        3);

        assertThat(PendingSensor.CODEC.decode(PendingSensor.CODEC.encode(p))).isEqualTo(p);
        assertThat(p.key()).isEqualTo("gw-ta-van/x-9");
        assertThatThrownBy(
                        () ->
                                new PendingSensor(
                                        GW,
                                        SensorId.of("x-9"),
                                        Quantity.TILT,
                                        Instant.parse("2026-11-22T01:05:00Z"),
                                        Instant.parse("2026-11-22T01:00:00Z"),
                                        3))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("lastSeen"));
    }
}
