package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryPackTest {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final Instant RECEIVED = Instant.parse("2026-11-22T01:00:01Z");

    private static Reading reading(String sensor, Quantity q, double value, long seq) {
        return new Reading(
                GW,
                SensorId.of(sensor),
                q,
                value,
                Instant.parse("2026-11-22T01:00:00.123Z").plusSeconds(seq),
                seq);
    }

    @Test
    void roundTripsAndUnpacksIntoTelemetryRecordsInOrder() {
        List<Reading> readings =
                List.of(
                        reading("wl-1", Quantity.WATER_LEVEL, 1.25, 7),
                        reading("rain-1", Quantity.RAIN, 0.5, 8),
                        reading("wl-1", Quantity.WATER_LEVEL, 1.5, 9));
        TelemetryPack pack = TelemetryPack.of(GW, RECEIVED, readings);

        TelemetryPack back = TelemetryPack.CODEC.decode(TelemetryPack.CODEC.encode(pack));

        assertThat(back).isEqualTo(pack);
        assertThat(back.key()).isEqualTo("gw-ta-van");
        assertThat(back.records())
                .extracting(TelemetryRecord::reading)
                .containsExactlyElementsOf(readings);
        assertThat(back.records()).extracting(TelemetryRecord::receivedAt).containsOnly(RECEIVED);
    }

    @Test
    void theStreamingWriterGivesTheSameJsonAsTheRecordMapping() throws Exception {
        java.util.Random random = new java.util.Random(42);
        Quantity[] quantities = Quantity.values();
        for (int n = 0; n < 200; n++) {
            List<Reading> readings = new java.util.ArrayList<>();
            int size = 1 + random.nextInt(20);
            for (int i = 0; i < size; i++) {
                Quantity q = quantities[random.nextInt(quantities.length)];
                double v = q.min() + random.nextDouble() * (q.max() - q.min());
                readings.add(
                        new Reading(
                                GW,
                                SensorId.of("s-" + random.nextInt(1000)),
                                q,
                                v,
                                Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt()),
                                random.nextInt(Integer.MAX_VALUE)));
            }
            TelemetryPack pack = TelemetryPack.of(GW, RECEIVED.plusNanos(n * 1000L), readings);

            // the reflective mapping of the same data, without the custom writer
            java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
            plain.put("gateway", GW.value());
            plain.put("receivedAt", pack.receivedAt());
            plain.put("readings", pack.readings());
            String expected = Json.mapper().writeValueAsString(plain);

            assertThat(new String(TelemetryPack.CODEC.encode(pack), StandardCharsets.UTF_8))
                    .isEqualTo(expected);
            assertThat(TelemetryPack.CODEC.decode(TelemetryPack.CODEC.encode(pack)))
                    .isEqualTo(pack);
        }
    }

    @Test
    void refusesAReadingOfAnotherGateway() {
        Reading foreign =
                new Reading(
                        GatewayId.of("gw-other"),
                        SensorId.of("wl-1"),
                        Quantity.WATER_LEVEL,
                        1,
                        Instant.parse("2026-11-22T01:00:00Z"),
                        1);

        assertThatThrownBy(() -> TelemetryPack.of(GW, RECEIVED, List.of(foreign)))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("gateway");
                            assertThat(e.getMessage()).contains("gw-other");
                        });
    }

    @Test
    void refusesAnEmptyPackAWrongUnitAndAMissingReceivedTime() {
        assertThatThrownBy(() -> TelemetryPack.of(GW, RECEIVED, List.of()))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("readings"));

        String good =
                new String(
                        TelemetryPack.CODEC.encode(
                                TelemetryPack.of(
                                        GW,
                                        RECEIVED,
                                        List.of(reading("wl-1", Quantity.WATER_LEVEL, 1, 1)))),
                        StandardCharsets.UTF_8);
        assertThatThrownBy(
                        () ->
                                TelemetryPack.CODEC.decode(
                                        good.replace("\"unit\":\"m\"", "\"unit\":\"ft\"")
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("unit"));
        assertThatThrownBy(
                        () ->
                                TelemetryPack.CODEC.decode(
                                        good.replaceAll("\"receivedAt\":\"[^\"]*\",?", "")
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("receivedAt"));
    }
}
