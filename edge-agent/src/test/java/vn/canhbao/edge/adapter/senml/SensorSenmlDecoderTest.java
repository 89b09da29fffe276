package vn.canhbao.edge.adapter.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.canhbao.edge.adapter.senml.SenmlCbor.pack;
import static vn.canhbao.edge.adapter.senml.SenmlCbor.rec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;

class SensorSenmlDecoderTest {
    static final SensorId WL = SensorId.of("wl-nam-cang");
    static final SensorId RG = SensorId.of("rg-nam-cang");
    static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");
    static final KnownSensors SENSORS =
            KnownSensors.of(Map.of(WL, Quantity.WATER_LEVEL, RG, Quantity.RAIN));
    final SensorSenmlDecoder decoder = new SensorSenmlDecoder(SENSORS);

    List<Sample> json(String s, SensorId sensor) {
        return decoder.decode(s.getBytes(StandardCharsets.UTF_8), SenmlFormat.JSON, sensor, NOW);
    }

    @Test
    void givenJsonPackWithBaseFields_whenDecoded_thenNamesUnitsAndTimesResolve() {
        List<Sample> s =
                json(
                        "[{\"bn\":\"wl-nam-cang/\",\"bt\":1782874800,\"bu\":\"m\","
                                + "\"n\":\"water_level\",\"v\":1.25},"
                                + "{\"n\":\"water_level\",\"t\":10,\"v\":1.5}]",
                        WL);
        assertThat(s)
                .containsExactly(
                        new Sample(
                                WL, Quantity.WATER_LEVEL, 1.25, Instant.ofEpochSecond(1782874800)),
                        new Sample(
                                WL, Quantity.WATER_LEVEL, 1.5, Instant.ofEpochSecond(1782874810)));
    }

    @Test
    void givenNoNameNoTime_whenDecoded_thenSoleQuantityAndGatewayNow() {
        assertThat(json("[{\"u\":\"mm\",\"v\":2.5}]", RG))
                .containsExactly(new Sample(RG, Quantity.RAIN, 2.5, NOW));
    }

    @Test
    void givenRelativeTime_whenDecoded_thenRelativeToNow() {
        assertThat(json("[{\"n\":\"rain\",\"u\":\"mm\",\"v\":1,\"t\":-30}]", RG).get(0).time())
                .isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void givenCborPackWithIntegerLabels_whenDecoded_thenSameAsJson() {
        byte[] cbor =
                pack(
                        List.of(
                                rec(
                                        -2,
                                        "wl-nam-cang/",
                                        -3,
                                        1782874800L,
                                        -4,
                                        "m",
                                        0,
                                        "water_level",
                                        2,
                                        3.25),
                                rec(0, "water_level", 6, 5, 2, 3.5f)));
        List<Sample> s = decoder.decode(cbor, SenmlFormat.CBOR, WL, NOW);
        assertThat(s)
                .containsExactly(
                        new Sample(
                                WL, Quantity.WATER_LEVEL, 3.25, Instant.ofEpochSecond(1782874800)),
                        new Sample(
                                WL, Quantity.WATER_LEVEL, 3.5, Instant.ofEpochSecond(1782874805)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown unit|[{\"n\":\"water_level\",\"u\":\"cm\",\"v\":120}]|[0].u|\"cm\"",
                "missing unit|[{\"n\":\"water_level\",\"v\":1}]|[0].u|nothing",
                "out of range|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":900}]|[0].v|900.0",
                "infinity by overflow|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1e999}]|[0].v|Infinity",
                "NaN literal|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":NaN}]|payload|",
                "string value|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":\"1.2\"}]|[0].v|\"1.2\"",
                "vs|[{\"n\":\"water_level\",\"u\":\"m\",\"vs\":\"x\"}]|[0].vs|",
                "unknown label|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1,\"x_\":1}]|[0].x_|",
                "other sensor's name|[{\"n\":\"rg-nam-cang/water_level\",\"u\":\"m\",\"v\":1}]|[0].n|",
                "unknown quantity|[{\"n\":\"depth\",\"u\":\"m\",\"v\":1}]|[0].n|\"depth\"",
                "quantity not configured|[{\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]|[0].n|\"rain\"",
                "not an array|{\"n\":\"water_level\"}|payload|",
                "empty pack|[]|payload|",
                "record not a map|[1]|[0]|",
                "truncated|[{\"n\":\"water_level\",|payload|",
                "trailing garbage|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1}] x|payload|",
                "duplicate label|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1,\"v\":2}]|payload|",
                "future time|[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1,\"t\":3600}]|[0].t|",
                "value missing|[{\"n\":\"water_level\",\"u\":\"m\"}]|[0].v|",
                "bad version|[{\"bver\":99,\"n\":\"water_level\",\"u\":\"m\",\"v\":1}]|[0].bver|",
            })
    void givenBadJson_whenDecoded_thenRefusedNamingField(
            String what, String payload, String field, String value) {
        assertThatThrownBy(() -> json(payload, WL))
                .isInstanceOf(ContractViolation.class)
                .satisfies(
                        e -> {
                            ContractViolation cv = (ContractViolation) e;
                            assertThat(cv.field()).as(what).isEqualTo(field);
                            if (value != null) {
                                assertThat(cv.value()).as(what).isEqualTo(value);
                            }
                        });
    }

    @Test
    void givenCborNaNAndInfinity_whenDecoded_thenRefused() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            byte[] cbor = pack(List.of(rec(0, "water_level", 1, "m", 2, bad)));
            assertThatThrownBy(() -> decoder.decode(cbor, SenmlFormat.CBOR, WL, NOW))
                    .isInstanceOf(ContractViolation.class)
                    .hasMessageContaining("[0].v");
        }
    }

    @Test
    void givenCborStringLabels_whenDecoded_thenRefusedAsUnknownLabel() {
        byte[] cbor =
                new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper()
                        .valueToTree(List.of(Map.of("n", "water_level")))
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(cbor, SenmlFormat.CBOR, WL, NOW))
                .isInstanceOf(ContractViolation.class);
    }

    @Test
    void givenGarbageCbor_whenDecoded_thenRefusedAsMalformed() {
        byte[] garbage = {(byte) 0x9f, (byte) 0xbf, 0x1b, 0x7f};
        assertThatThrownBy(() -> decoder.decode(garbage, SenmlFormat.CBOR, WL, NOW))
                .isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("payload");
    }

    @Test
    void givenOversizedPayload_whenDecoded_thenRefusedBeforeParsing() {
        byte[] big = new byte[SensorSenmlDecoder.DEFAULT_MAX_PAYLOAD_BYTES + 1];
        assertThatThrownBy(() -> decoder.decode(big, SenmlFormat.JSON, WL, NOW))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("payload too large");
    }

    @Test
    void givenUnknownSensor_whenDecoded_thenRefused() {
        assertThatThrownBy(
                        () ->
                                json(
                                        "[{\"n\":\"water_level\",\"u\":\"m\",\"v\":1}]",
                                        SensorId.of("x")))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("unknown sensor");
    }

    @Test
    void givenSensorWithTwoQuantities_whenNameMissing_thenRefused() {
        KnownSensors two =
                KnownSensors.fromConfigs(
                        List.of(
                                new SensorConfig(
                                        WL,
                                        vn.canhbao.contracts.GatewayId.of("gw-1"),
                                        Quantity.WATER_LEVEL,
                                        1,
                                        0,
                                        java.time.Duration.ofMinutes(1)),
                                new SensorConfig(
                                        WL,
                                        vn.canhbao.contracts.GatewayId.of("gw-1"),
                                        Quantity.BATTERY,
                                        1,
                                        0,
                                        java.time.Duration.ofMinutes(1))));
        SensorSenmlDecoder d = new SensorSenmlDecoder(two);
        assertThatThrownBy(
                        () ->
                                d.decode(
                                        "[{\"u\":\"m\",\"v\":1}]".getBytes(StandardCharsets.UTF_8),
                                        SenmlFormat.JSON,
                                        WL,
                                        NOW))
                .hasMessageContaining("several quantities");
        assertThat(
                        d.decode(
                                "[{\"n\":\"battery\",\"u\":\"V\",\"v\":12.6}]"
                                        .getBytes(StandardCharsets.UTF_8),
                                SenmlFormat.JSON,
                                WL,
                                NOW))
                .containsExactly(new Sample(WL, Quantity.BATTERY, 12.6, NOW));
    }
}
