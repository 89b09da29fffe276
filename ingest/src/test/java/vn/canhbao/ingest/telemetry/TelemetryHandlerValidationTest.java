package vn.canhbao.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.ingest.registry.SensorPlace;
import vn.canhbao.ingest.registry.SiteConfigCache;
import vn.canhbao.ingest.registry.TestSites;

/** Registry check, enrichment and time limits of {@link TelemetryHandler}. */
class TelemetryHandlerValidationTest {
    private static final Instant NOW = Instant.parse("2026-11-22T01:30:00Z");
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final String TOPIC = MqttTopics.telemetry(GW);

    private final SiteConfigCache registry = new SiteConfigCache();
    private final TelemetryHandler handler =
            new TelemetryHandler(
                    4096,
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    registry,
                    new ReadingTimeLimits(Duration.ofMinutes(5), Duration.ofDays(30)));

    {
        registry.apply(TestSites.site(1, "wl-ta-van", "rg-ta-van"));
    }

    private static Reading reading(String sensor, Quantity q, Instant t, long seq) {
        return new Reading(GW, SensorId.of(sensor), q, 1.5, t, seq);
    }

    private static byte[] payload(Reading... readings) {
        return new SenmlCodec().encode(new ReadingBatch(GW, List.of(readings)));
    }

    @Test
    void knownSensorsAreEnrichedWithSiteCommuneAndProvinceHeaders() {
        Outcome outcome =
                handler.handle(TOPIC, payload(reading("rg-ta-van", Quantity.RAIN, NOW, 1)));

        Outcome.Accepted accepted = (Outcome.Accepted) outcome;
        assertThat(accepted.rejectedReadings()).isEmpty();
        assertThat(accepted.readings()).hasSize(1);
        assertThat(accepted.headers())
                .containsEntry(TelemetryHandler.HEADER_SITE, "ta-van")
                .containsEntry(TelemetryHandler.HEADER_COMMUNE, "Xã Tả Van")
                .containsEntry(TelemetryHandler.HEADER_PROVINCE, "Lào Cai");
    }

    @Test
    void anUnknownSensorIsRefusedAndTheMessageDeadLetteredWhileKnownReadingsPass() {
        byte[] bytes =
                payload(
                        reading("wl-ta-van", Quantity.WATER_LEVEL, NOW, 1),
                        reading("rg-la", Quantity.RAIN, NOW, 2));

        Outcome.Accepted accepted = (Outcome.Accepted) handler.handle(TOPIC, bytes);

        assertThat(accepted.readings()).extracting(Reading::seq).containsExactly(1L);
        assertThat(accepted.rejectedReadings())
                .extracting(RejectedReading::reason)
                .containsExactly(RejectedReading.UNKNOWN_SENSOR);
        KafkaWrite dl = accepted.deadLetter().orElseThrow();
        assertThat(dl.topic()).isEqualTo(KafkaTopics.TELEMETRY_DLQ);
        assertThat(dl.value()).isEqualTo(bytes);
        assertThat(dl.headers().get(KafkaTopics.DLQ_FIELD)).isEqualTo("[1].n");
        assertThat(dl.headers().get(KafkaTopics.DLQ_REASON))
                .contains("rg-la")
                .contains("not registered")
                .contains("gw-ta-van");
    }

    @Test
    void aSensorRegisteredForAnotherQuantityIsRefused() {
        Outcome.Accepted accepted =
                (Outcome.Accepted)
                        handler.handle(
                                TOPIC, payload(reading("rg-ta-van", Quantity.WATER_LEVEL, NOW, 3)));

        assertThat(accepted.readings()).isEmpty();
        assertThat(accepted.rejectedReadings())
                .extracting(RejectedReading::reason)
                .containsExactly(RejectedReading.QUANTITY_MISMATCH);
    }

    @Test
    void readingsTooFarInTheFutureOrThePastAreRefusedByReason() {
        Outcome.Accepted accepted =
                (Outcome.Accepted)
                        handler.handle(
                                TOPIC,
                                payload(
                                        reading(
                                                "rg-ta-van",
                                                Quantity.RAIN,
                                                NOW.plusSeconds(301),
                                                1),
                                        reading(
                                                "rg-ta-van",
                                                Quantity.RAIN,
                                                NOW.plusSeconds(299),
                                                2),
                                        reading(
                                                "rg-ta-van",
                                                Quantity.RAIN,
                                                NOW.minus(Duration.ofDays(31)),
                                                3),
                                        reading(
                                                "rg-ta-van",
                                                Quantity.RAIN,
                                                NOW.minus(Duration.ofDays(29)),
                                                4)));

        assertThat(accepted.readings()).extracting(Reading::seq).containsExactly(2L, 4L);
        assertThat(accepted.rejectedReadings())
                .extracting(RejectedReading::reason)
                .containsExactly(RejectedReading.TIME_FUTURE, RejectedReading.TIME_PAST);
        KafkaWrite dl = accepted.deadLetter().orElseThrow();
        assertThat(dl.headers().get(KafkaTopics.DLQ_FIELD)).isEqualTo("[0].t");
        assertThat(dl.headers().get(KafkaTopics.DLQ_REASON)).contains("and 1 more");
    }

    @Test
    void withoutARegistryEverySensorPassesWithoutEnrichment() {
        TelemetryHandler open = new TelemetryHandler(4096, Clock.fixed(NOW, ZoneOffset.UTC));

        Outcome.Accepted accepted =
                (Outcome.Accepted)
                        open.handle(TOPIC, payload(reading("rg-la", Quantity.RAIN, NOW, 1)));

        assertThat(accepted.readings()).hasSize(1);
        assertThat(accepted.headers()).isEmpty();
        assertThat(new SensorPlace(SiteId.of("ta-van"), "c", "p", Quantity.RAIN).site().value())
                .isEqualTo("ta-van");
    }
}
