package vn.canhbao.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;

class SenmlCborTest {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final Instant T = Instant.parse("2026-11-22T01:00:00.250Z");
    private final SenmlCbor cbor = new SenmlCbor(16 * 1024);
    private final SenmlCodec json = new SenmlCodec();

    private static ReadingBatch batch() {
        return new ReadingBatch(
                GW,
                List.of(
                        new Reading(
                                GW, SensorId.of("wl-ta-van"), Quantity.WATER_LEVEL, 2.75, T, 41),
                        new Reading(
                                GW,
                                SensorId.of("rg-ta-van"),
                                Quantity.RAIN,
                                1.5,
                                T.plusSeconds(60),
                                42)));
    }

    @Test
    void aCborPackWithIntegerLabelsDecodesToTheSameReadingsAsJson() {
        ReadingBatch decoded = json.decode(cbor.toJson(CborPacks.encode(batch())), GW);
        assertThat(decoded).isEqualTo(batch());
    }

    @Test
    void aWrongUnitInCborIsRefusedNamingTheJsonField() {
        byte[] pack =
                CborPacks.encode(batch()); // then swap the unit "m" for "cm" through the mapping
        byte[] jsonPack =
                new String(cbor.toJson(pack), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"u\":\"m\"", "\"u\":\"cm\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> json.decode(jsonPack, GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("[0].u"));
    }

    @Test
    void refusesBytesThatAreNotACborArray() {
        assertThatThrownBy(() -> cbor.toJson(new byte[] {(byte) 0xa0})) // empty map
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("payload"))
                .hasMessageContaining("CBOR array");
        assertThatThrownBy(() -> cbor.toJson(new byte[] {(byte) 0x9f, 0x01})) // unterminated
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("payload"));
        assertThatThrownBy(() -> cbor.toJson(new byte[] {(byte) 0x80, 0x00})) // trailing
                .isInstanceOf(ContractViolation.class);
    }

    @Test
    void refusesUnknownIntegerLabelsAndLabelsGivenTwice() {
        // [{99: 1}]
        assertThatThrownBy(() -> cbor.toJson(new byte[] {(byte) 0x81, (byte) 0xa1, 0x18, 99, 0x01}))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("[0].99"));
        // [{2: 1, "v": 2}]
        assertThatThrownBy(
                        () ->
                                cbor.toJson(
                                        new byte[] {
                                            (byte) 0x81, (byte) 0xa2, 0x02, 0x01, 0x61, 'v', 0x02
                                        }))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("[0].v"));
    }

    @Test
    void refusesOversizeBeforeParsing() {
        assertThatThrownBy(() -> new SenmlCbor(8).toJson(new byte[9]))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("payload"))
                .hasMessageContaining("limit of 8 bytes");
    }
}
