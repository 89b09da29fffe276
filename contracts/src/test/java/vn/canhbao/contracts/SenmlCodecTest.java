package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenmlCodecTest {
    private static final GatewayId GW = GatewayId.of("gw-nam-cang");
    private final SenmlCodec codec = new SenmlCodec();

    @Test
    void encodesAPackWithBaseNameBaseTimeAndSequenceNumbers() {
        ReadingBatch batch =
                new ReadingBatch(
                        GW,
                        List.of(
                                reading("wl-1", Quantity.WATER_LEVEL, 2.31, 1_763_770_000_123L, 17),
                                reading("rg-1", Quantity.RAIN, 4.5, 1_763_770_001_123L, 18)));

        String json = new String(codec.encode(batch), StandardCharsets.UTF_8);

        // RFC 8428 section 4.5.3: bt + t in seconds; section 4.4: seq_ is a must-understand label.
        assertThat(json)
                .isEqualTo(
                        "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000.123,\"n\":\"wl-1/water_level\","
                                + "\"u\":\"m\",\"v\":2.31,\"seq_\":17},"
                                + "{\"n\":\"rg-1/rain\",\"u\":\"mm\",\"v\":4.5,\"t\":1,\"seq_\":18}]");
    }

    @Test
    void decodesWhatItEncodesExactlyToTheMillisecond() {
        ReadingBatch batch =
                new ReadingBatch(
                        GW,
                        List.of(
                                reading("wl-1", Quantity.WATER_LEVEL, 2.31, 1_763_770_000_123L, 17),
                                reading("wl-1", Quantity.WATER_LEVEL, 2.35, 1_763_770_010_999L, 18),
                                reading("rg-1", Quantity.RAIN, 0.0, 1_763_769_990_001L, 19)));

        assertThat(codec.decode(codec.encode(batch), GW)).isEqualTo(batch);
    }

    @Test
    void appliesBaseValueAndBaseUnitToTheRecordsThatFollow() {
        String pack =
                "[{\"bn\":\"gw-nam-cang/wl-1/\",\"bt\":1763770000,\"bu\":\"m\",\"bv\":100,"
                        + "\"n\":\"water_level\",\"v\":1.5,\"seq_\":1},{\"n\":\"water_level\",\"v\":2,\"t\":10,\"seq_\":2}]";

        ReadingBatch batch = codec.decode(bytes(pack), GW);

        assertThat(batch.readings()).extracting(Reading::value).containsExactly(101.5, 102.0);
        assertThat(batch.readings().get(1).time()).isEqualTo(Instant.ofEpochSecond(1_763_770_010L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                    | {nope                                                                       | payload",
                "not an array                | {\"n\":\"x\"}                                                               | payload",
                "empty pack                  | []                                                                          | payload",
                "another gateway's name      | [{\"bn\":\"gw-other/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1,\"seq_\":1}] | [0].bn",
                "unknown quantity            | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/waterlevel\",\"u\":\"m\",\"v\":1,\"seq_\":1}] | [0].n",
                "wrong unit                  | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"cm\",\"v\":1,\"seq_\":1}] | [0].u",
                "out of physical range       | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"rg-1/rain\",\"u\":\"mm\",\"v\":-3,\"seq_\":1}] | [0].v",
                "string value                | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"vs\":\"high\",\"seq_\":1}] | [0].vs",
                "value as a string           | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":\"1\",\"seq_\":1}] | [0].v",
                "missing sequence            | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1}] | [0].seq_",
                "fractional sequence         | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1,\"seq_\":1.5}] | [0].seq_",
                "negative sequence           | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1,\"seq_\":-1}] | [0].seq_",
                "relative time               | [{\"bn\":\"gw-nam-cang/\",\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1,\"t\":-5,\"seq_\":1}] | [0].t",
                "unknown must-understand     | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1,\"seq_\":1,\"x_\":1}] | [0].x_",
                "bad sensor id               | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"WL 1/water_level\",\"u\":\"m\",\"v\":1,\"seq_\":1}] | [0].n",
                "name with too few levels    | [{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"water_level\",\"u\":\"m\",\"v\":1,\"seq_\":1}] | [0].n",
            })
    void rejectsBadInputNamingTheField(String description, String pack, String field) {
        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.getMessage()).startsWith(field + ": ").contains("(got ");
                        });
    }

    @ParameterizedTest(name = "bt {0}, t {1}")
    @CsvSource({
        "1.76377E9,           1E+1,       1763770010000",
        "1763770000123e-3,    0,          1763770000123",
        "1763770000.1235,     0,          1763770000124",
        "1763770000.1234999,  0,          1763770000123",
        // The nearest double to ...0.12349999999999999 is printed ...0.1235: times were always
        // doubles first, then decimals (BigDecimal.valueOf(double)).
        "1763770000.12349999999999999, 0, 1763770000124",
        "1763770000,          -0.0005,    1763770000000",
        "1763770000,          -0.0006,    1763769999999",
        "1763770000,          -12.5,      1763769987500",
        "1763770000.5,        2.5e-4,     1763770000500",
    })
    void resolvesTimesWithExponentsAndManyDecimalsToTheMillisecondHalfUp(
            String bt, String t, long millis) {
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":"
                        + bt
                        + ",\"n\":\"wl-1/water_level\","
                        + "\"u\":\"m\",\"v\":1.25e0,\"t\":"
                        + t
                        + ",\"seq_\":1}]";

        Reading reading = codec.decode(bytes(pack), GW).readings().get(0);

        assertThat(reading.time()).isEqualTo(Instant.ofEpochMilli(millis));
        assertThat(reading.value()).isEqualTo(1.25);
    }

    @Test
    void addsTheBaseValueAsDecimals() {
        // 0.1 + 0.2 is 0.30000000000000004 in double arithmetic; SenML's sum is decimal.
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"bv\":0.1,\"n\":\"wl-1/water_level\","
                        + "\"u\":\"m\",\"v\":0.2,\"seq_\":1}]";

        assertThat(codec.decode(bytes(pack), GW).readings().get(0).value()).isEqualTo(0.3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "repeated value label    | \"v\":1,\"v\":2,\"seq_\":1                   | [0].v    | \"2\"",
                "repeated ignored label  | \"v\":1,\"seq_\":1,\"foo\":1,\"foo\":[]     | [0].foo  | \"[]\"",
                "huge sequence number    | \"v\":1,\"seq_\":99999999999999999999          | [0].seq_ | \"99999999999999999999\"",
                "value as an object      | \"v\":{\"x\":[1,2]},\"seq_\":1               | [0].v    | \"{\"x\":[1,2]}\"",
                "value as an array       | \"v\":[1.5],\"seq_\":1                       | [0].v    | \"[1.5]\"",
                "sequence as an array    | \"v\":1,\"seq_\":[[1]]                        | [0].seq_ | \"[[1]]\"",
                "negative absolute time  | \"v\":1,\"t\":-1763770001,\"seq_\":1           | [0].t    | \"-1\"",
            })
    void rejectsOddValuesNamingTheFieldAndValue(
            String description, String fields, String field, String value) {
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000.000,\"n\":\"wl-1/water_level\","
                        + "\"u\":\"m\","
                        + fields
                        + "}]";

        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo(field);
                            assertThat(e.value()).isEqualTo(value);
                        });
    }

    @Test
    void refusesALabelThatAppearsTwiceInARecord() {
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\","
                        + "\"u\":\"m\",\"v\":1,\"seq_\":1,\"n\":\"rg-1/rain\"}]";

        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("[0].n");
                            assertThat(e.reason()).contains("more than once");
                        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "garbage     | x     | Unrecognized token 'x'",
                "a number    | ' 1'  | Trailing token (of type VALUE_NUMBER_INT)",
                "an array    | []    | Trailing token (of type START_ARRAY)",
                "a comma     | ,     | Unexpected character (',' (code 44))",
            })
    void rejectsAnythingAfterThePack(String description, String trailer, String message) {
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\","
                        + "\"u\":\"m\",\"v\":1,\"seq_\":1}]"
                        + trailer;

        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("payload");
                            assertThat(e.reason()).startsWith("not valid JSON: " + message);
                        });
    }

    @Test
    void reportsInvalidJsonAfterABadRecordAsInvalidJson() {
        // The whole pack is parsed before a record is judged, as the tree decoder did.
        String pack = "[{\"bn\":\"gw-other/\",\"n\":\"a/rain\"},{\"v\":";

        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON"));
    }

    @Test
    void rejectsNaNEvenWhenTheParserAllowsIt() {
        // Jackson refuses the NaN token by default; a huge exponent overflows to infinity instead.
        String pack =
                "[{\"bn\":\"gw-nam-cang/\",\"bt\":1763770000,\"n\":\"wl-1/water_level\",\"u\":\"m\",\"v\":1e400,\"seq_\":1}]";

        assertThatThrownBy(() -> codec.decode(bytes(pack), GW))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("[0].v");
    }

    @Test
    void rejectsPayloadsOverTheSizeLimitBeforeParsing() {
        SenmlCodec small = new SenmlCodec(64, 10);

        assertThatThrownBy(() -> small.decode(new byte[65], GW))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("payload"))
                .hasMessageContaining("65 bytes");
    }

    @Test
    void rejectsPacksWithMoreRecordsThanTheLimit() {
        SenmlCodec small = new SenmlCodec(SenmlCodec.DEFAULT_MAX_PAYLOAD_BYTES, 2);
        ReadingBatch batch =
                new ReadingBatch(
                        GW,
                        List.of(
                                reading("a", Quantity.RAIN, 1, 1_763_770_000_000L, 1),
                                reading("a", Quantity.RAIN, 1, 1_763_770_000_000L, 2),
                                reading("a", Quantity.RAIN, 1, 1_763_770_000_000L, 3)));

        assertThatThrownBy(() -> small.decode(codec.encode(batch), GW))
                .hasMessageContaining("3 records");
    }

    private static Reading reading(String sensor, Quantity q, double v, long millis, long seq) {
        return new Reading(GW, SensorId.of(sensor), q, v, Instant.ofEpochMilli(millis), seq);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
