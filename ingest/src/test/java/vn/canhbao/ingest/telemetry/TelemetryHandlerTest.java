package vn.canhbao.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;

class TelemetryHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T01:30:00Z");
    private static final Instant MEASURED = Instant.parse("2026-11-22T01:29:00Z");
    private static final GatewayId NAM_CANG = GatewayId.of("gw-nam-cang");
    private static final GatewayId TA_VAN = GatewayId.of("gw-ta-van");
    private static final String NAM_CANG_TOPIC = MqttTopics.telemetry(NAM_CANG);

    private final TelemetryHandler handler =
            new TelemetryHandler(4096, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void validBatchBecomesOnePackRecordKeyedByGatewayWithItsReadingsInBatchOrder() {
        // given
        byte[] payload =
                new SenmlCodec()
                        .encode(
                                new ReadingBatch(
                                        NAM_CANG,
                                        List.of(
                                                new Reading(
                                                        NAM_CANG,
                                                        SensorId.of("wl-nam-cang"),
                                                        Quantity.WATER_LEVEL,
                                                        2.35,
                                                        MEASURED,
                                                        41),
                                                new Reading(
                                                        NAM_CANG,
                                                        SensorId.of("rg-nam-cang"),
                                                        Quantity.RAIN,
                                                        12.5,
                                                        MEASURED,
                                                        42),
                                                new Reading(
                                                        NAM_CANG,
                                                        SensorId.of("wl-nam-cang"),
                                                        Quantity.WATER_LEVEL,
                                                        2.40,
                                                        MEASURED.plusSeconds(60),
                                                        43))));

        // when
        Outcome outcome = handler.handle(NAM_CANG_TOPIC, payload);

        // then
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        List<KafkaWrite> writes = outcome.writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).topic()).isEqualTo(KafkaTopics.TELEMETRY);
        assertThat(writes.get(0).key()).isEqualTo("gw-nam-cang");
        List<TelemetryRecord> records = TelemetryPack.CODEC.decode(writes.get(0).value()).records();
        assertThat(records.get(0))
                .isEqualTo(
                        new TelemetryRecord(
                                NAM_CANG,
                                SensorId.of("wl-nam-cang"),
                                Quantity.WATER_LEVEL,
                                "m",
                                2.35,
                                MEASURED,
                                41,
                                NOW));
        assertThat(records)
                .extracting(TelemetryRecord::sensorKey)
                .containsExactly(
                        "gw-nam-cang/wl-nam-cang",
                        "gw-nam-cang/rg-nam-cang",
                        "gw-nam-cang/wl-nam-cang");
        assertThat(records).extracting(TelemetryRecord::seq).containsExactly(41L, 42L, 43L);
    }

    @Test
    void payloadFromAnotherGatewayOnThisGatewaysTopicIsDeadLetteredNamingTheGatewayField() {
        // given: gw-ta-van's readings published on gw-nam-cang's topic
        byte[] payload =
                new SenmlCodec()
                        .encode(
                                new ReadingBatch(
                                        TA_VAN,
                                        List.of(
                                                new Reading(
                                                        TA_VAN,
                                                        SensorId.of("wl-ta-van"),
                                                        Quantity.WATER_LEVEL,
                                                        1.0,
                                                        MEASURED,
                                                        1))));

        // when
        Outcome outcome = handler.handle(NAM_CANG_TOPIC, payload);

        // then
        Outcome.Rejected rejected = rejected(outcome);
        assertThat(rejected.violation().field()).isEqualTo("[0].bn");
        assertThat(rejected.fieldGroup()).isEqualTo("bn");
        KafkaWrite dl = rejected.deadLetter();
        assertThat(dl.topic()).isEqualTo(KafkaTopics.TELEMETRY_DLQ);
        assertThat(dl.key()).isEqualTo("gw-nam-cang");
        assertThat(dl.value()).isEqualTo(payload);
        assertThat(dl.headers())
                .containsEntry(KafkaTopics.DLQ_FIELD, "[0].bn")
                .containsEntry(KafkaTopics.DLQ_SOURCE, NAM_CANG_TOPIC)
                .containsEntry(KafkaTopics.DLQ_REJECTED_AT, "2026-11-22T01:30:00Z")
                .doesNotContainKey(TelemetryHandler.DLQ_ORIGINAL_BYTES);
        assertThat(dl.headers().get(KafkaTopics.DLQ_REASON))
                .contains("[0].bn")
                .contains("gw-ta-van")
                .contains("gw-nam-cang");
    }

    @Test
    void nanIsNotJsonAndIsDeadLetteredAsABadPayload() {
        Outcome.Rejected rejected =
                rejected(
                        handler.handle(
                                NAM_CANG_TOPIC,
                                record("\"n\":\"wl-nam-cang/water_level\",\"u\":\"m\",\"v\":NaN")));

        assertThat(rejected.violation().field()).isEqualTo("payload");
        assertThat(rejected.deadLetter().headers().get(KafkaTopics.DLQ_REASON))
                .contains("not valid JSON");
    }

    @Test
    void valueBeyondDoubleRangeIsDeadLetteredNamingTheValueField() {
        Outcome.Rejected rejected =
                rejected(
                        handler.handle(
                                NAM_CANG_TOPIC,
                                record(
                                        "\"n\":\"wl-nam-cang/water_level\",\"u\":\"m\",\"v\":1e400")));

        assertThat(rejected.violation().field()).isEqualTo("[0].v");
        assertThat(rejected.fieldGroup()).isEqualTo("v");
        assertThat(rejected.deadLetter().headers().get(KafkaTopics.DLQ_REASON)).contains("finite");
    }

    @Test
    void wrongUnitIsDeadLetteredNamingTheUnitFieldAndValue() {
        Outcome.Rejected rejected =
                rejected(
                        handler.handle(
                                NAM_CANG_TOPIC,
                                record(
                                        "\"n\":\"wl-nam-cang/water_level\",\"u\":\"cm\",\"v\":235")));

        assertThat(rejected.violation().field()).isEqualTo("[0].u");
        assertThat(rejected.deadLetter().headers().get(KafkaTopics.DLQ_REASON))
                .contains("[0].u")
                .contains("\"cm\"");
    }

    @Test
    void unknownQuantityIsDeadLetteredNamingTheNameField() {
        Outcome.Rejected rejected =
                rejected(
                        handler.handle(
                                NAM_CANG_TOPIC,
                                record("\"n\":\"wl-nam-cang/snow_depth\",\"u\":\"m\",\"v\":0.2")));

        assertThat(rejected.violation().field()).isEqualTo("[0].n");
        assertThat(rejected.deadLetter().headers().get(KafkaTopics.DLQ_REASON))
                .contains("snow_depth");
    }

    @Test
    void oversizePayloadIsDeadLetteredWithItsHeadAndOriginalSize() {
        // given
        byte[] payload = new byte[10_000];
        Arrays.fill(payload, (byte) ' ');

        // when
        Outcome.Rejected rejected = rejected(handler.handle(NAM_CANG_TOPIC, payload));

        // then
        assertThat(rejected.violation().field()).isEqualTo("payload");
        assertThat(rejected.deadLetter().value()).hasSize(4096);
        assertThat(rejected.deadLetter().headers())
                .containsEntry(TelemetryHandler.DLQ_ORIGINAL_BYTES, "10000")
                .containsEntry(KafkaTopics.DLQ_FIELD, "payload");
        assertThat(rejected.deadLetter().headers().get(KafkaTopics.DLQ_REASON))
                .contains("10000 bytes");
    }

    @Test
    void notJsonIsDeadLetteredWithTheOriginalBytes() {
        byte[] payload = "mực nước 2.35 m".getBytes(StandardCharsets.UTF_8);

        Outcome.Rejected rejected = rejected(handler.handle(NAM_CANG_TOPIC, payload));

        assertThat(rejected.violation().field()).isEqualTo("payload");
        assertThat(rejected.deadLetter().value()).isEqualTo(payload);
        assertThat(rejected.deadLetter().key()).isEqualTo("gw-nam-cang");
    }

    @Test
    void topicWithoutAValidGatewayIsDeadLetteredKeyedByTheTopic() {
        String topic = "cb/v1/gw/GW_UPPER/telemetry";

        Outcome.Rejected rejected =
                rejected(handler.handle(topic, "[]".getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violation().field()).isEqualTo("topic");
        assertThat(rejected.deadLetter().key()).isEqualTo(topic);
        assertThat(rejected.deadLetter().headers()).containsEntry(KafkaTopics.DLQ_SOURCE, topic);
    }

    @Test
    void fieldGroupDropsTheRecordIndex() {
        assertThat(TelemetryHandler.fieldGroup("[12].seq_")).isEqualTo("seq_");
        assertThat(TelemetryHandler.fieldGroup("payload")).isEqualTo("payload");
        assertThat(TelemetryHandler.fieldGroup("[3]")).isEqualTo("record");
    }

    /**
     * One SenML record of gw-nam-cang with the given fields plus a valid time and sequence number.
     */
    private static byte[] record(String fields) {
        return ("[{\"bn\":\"gw-nam-cang/\",\"bt\":"
                        + MEASURED.getEpochSecond()
                        + ","
                        + fields
                        + ",\"seq_\":7}]")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Outcome.Rejected rejected(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return (Outcome.Rejected) outcome;
    }
}
