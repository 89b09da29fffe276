package vn.canhbao.stream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;

class AlertEventSerializerTest {
    private static final SiteId SITE = SiteId.of("nam-cang");
    private static final Instant START = Instant.parse("2026-09-30T01:00:00Z");
    private static final Instant TIME = Instant.parse("2026-09-30T01:10:00.123456789Z");

    private static AlertEvent alert(
            Hazard hazard,
            String ruleId,
            Instant episodeStart,
            AlertState state,
            RiskLevel level,
            Instant time,
            List<Evidence> evidence) {
        int revision = state == AlertState.RAISED ? 0 : 2;
        return new AlertEvent(
                AlertEvent.idFor(SITE, hazard, ruleId, episodeStart),
                revision,
                SITE,
                hazard,
                ruleId,
                "flood-stage-v1",
                episodeStart,
                level,
                state,
                time,
                time.plusMillis(250),
                evidence,
                true);
    }

    private static Evidence water(int minute, double metres, String threshold, double value) {
        return new Evidence(
                SensorId.of("wl-nam-cang"),
                Quantity.WATER_LEVEL,
                metres,
                START.plusSeconds(60L * minute),
                minute,
                threshold,
                value);
    }

    /** A flood-stage alert as the gateway rules emit it: one reading above BĐ II. */
    private static AlertEvent typical() {
        return alert(
                Hazard.FLOOD,
                "flood.stage",
                START,
                AlertState.UPDATED,
                RiskLevel.LEVEL_2,
                TIME,
                List.of(water(10, 3.12, "BD2", 3.0)));
    }

    private static byte[] serialize(AlertEvent a) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        AlertEventSerializer.INSTANCE.serialize(a, out);
        return out.getCopyOfBuffer();
    }

    private static AlertEvent deserialize(byte[] bytes) throws IOException {
        return AlertEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    private static AlertEvent roundTrip(AlertEvent a) throws IOException {
        return deserialize(serialize(a));
    }

    @Test
    void alertsWithNoneOneOrSeveralEvidenceItemsRoundTrip() throws IOException {
        AlertEvent none =
                alert(
                        Hazard.FLOOD,
                        "flood.stage",
                        START,
                        AlertState.CLEARED,
                        RiskLevel.LEVEL_1,
                        TIME,
                        List.of());
        AlertEvent several =
                alert(
                        Hazard.FLASH_FLOOD,
                        "flood.rate-of-rise",
                        START,
                        AlertState.RAISED,
                        RiskLevel.LEVEL_4,
                        TIME,
                        List.of(
                                water(8, 2.5, "BD1", 2.0),
                                water(9, 3.25, "BD2", 3.0),
                                new Evidence(
                                        SensorId.of("rg-nam-cang"),
                                        Quantity.RAIN,
                                        42.5,
                                        TIME,
                                        Long.MAX_VALUE,
                                        "rain-1h",
                                        40)));

        assertThat(roundTrip(none)).isEqualTo(none);
        assertThat(roundTrip(typical())).isEqualTo(typical());
        assertThat(roundTrip(several)).isEqualTo(several);
        assertThat(roundTrip(several).evidence()).containsExactlyElementsOf(several.evidence());
    }

    @Test
    void everyHazardStateAndLevelRoundTrips() throws IOException {
        for (Hazard hazard : Hazard.values()) {
            for (AlertState state : AlertState.values()) {
                for (RiskLevel level : RiskLevel.values()) {
                    AlertEvent a =
                            alert(
                                    hazard,
                                    hazard.wireName() + ".rule",
                                    START,
                                    state,
                                    level,
                                    TIME,
                                    List.of(water(1, 2.0, "BD1", 2.0)));

                    assertThat(roundTrip(a)).isEqualTo(a);
                }
            }
        }
    }

    @Test
    void vietnameseTextExtremeInstantsAndExtremeDoublesRoundTrip() throws IOException {
        Instant latestEpisode = Instant.ofEpochMilli(Long.MAX_VALUE);
        AlertEvent a =
                new AlertEvent(
                        AlertEvent.idFor(SITE, Hazard.LANDSLIDE, "sạt lở.đất", latestEpisode),
                        7,
                        SITE,
                        Hazard.LANDSLIDE,
                        "sạt lở.đất",
                        "bảng-ngưỡng-v2 ✓",
                        latestEpisode,
                        RiskLevel.LEVEL_5,
                        AlertState.UPDATED,
                        Instant.MIN,
                        Instant.MAX,
                        List.of(
                                new Evidence(
                                        SensorId.of("ex-ta-van"),
                                        Quantity.DISPLACEMENT,
                                        -Double.MAX_VALUE,
                                        Instant.EPOCH.minusNanos(1),
                                        Long.MIN_VALUE,
                                        "ngưỡng báo động cấp độ III",
                                        Double.MIN_VALUE),
                                new Evidence(
                                        SensorId.of("ws-ta-van"),
                                        Quantity.WIND_SPEED,
                                        -0.0,
                                        Instant.MAX,
                                        0,
                                        "",
                                        Double.POSITIVE_INFINITY)),
                        false);

        assertThat(roundTrip(a)).isEqualTo(a);
    }

    @Test
    void aTypicalAlertIsLessThanHalfTheSizeOfItsJson() throws IOException {
        int binary = serialize(typical()).length;
        int json = AlertEvent.CODEC.encode(typical()).length;

        // 194 against 468 bytes: the id, wire names, doubles and instants keep it above a third.
        assertThat(binary * 2).as("%d bytes, JSON %d", binary, json).isLessThanOrEqualTo(json);
    }

    @Test
    void aTruncatedAlertFailsInsteadOfDecodingWrongly() throws IOException {
        byte[] bytes = serialize(typical());

        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> deserialize(prefix))
                    .as("%d bytes", length)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCorruptEvidenceCountIsRefusedNamingIt() throws IOException {
        byte[] valid = serialize(typical());
        // The same alert without evidence ends with the count (int) and localSensorAlert (byte).
        int countAt =
                serialize(
                                        alert(
                                                Hazard.FLOOD,
                                                "flood.stage",
                                                START,
                                                AlertState.UPDATED,
                                                RiskLevel.LEVEL_2,
                                                TIME,
                                                List.of()))
                                .length
                        - 5;
        for (int corrupt : new int[] {-5, 10_001}) {
            byte[] bytes = valid.clone();
            DataOutputSerializer count = new DataOutputSerializer(4);
            count.writeInt(corrupt);
            System.arraycopy(count.getCopyOfBuffer(), 0, bytes, countAt, 4);

            assertThatThrownBy(() -> deserialize(bytes))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(corrupt));
        }
    }

    @Test
    void anUnknownVersionIsRefused() throws IOException {
        byte[] bytes = serialize(typical());
        bytes[0] = 9;

        assertThatThrownBy(() -> deserialize(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("9");
    }

    @Test
    void copyingSerializedBytesReproducesThemExactly() throws IOException {
        byte[] bytes = serialize(typical());
        DataOutputSerializer out = new DataOutputSerializer(64);

        AlertEventSerializer.INSTANCE.copy(new DataInputDeserializer(bytes), out);

        assertThat(out.getCopyOfBuffer()).isEqualTo(bytes);
    }

    @Test
    void theSnapshotRestoresTheSameSerializer() {
        assertThat(AlertEventSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(AlertEventSerializer.INSTANCE);
    }
}
