package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder against the tree decoder it replaced ({@link TreeSenmlDecoder}): on
 * generated packs, valid and invalid, both return the same batch or the same violation (field,
 * value, reason). Packs that repeat a label in a record are the one intended difference: the tree
 * kept the last value, the streaming decoder refuses them.
 */
class SenmlDecoderDifferentialTest {
    private static final GatewayId GW = GatewayId.of("gw-1");
    private static final int MAX_RECORDS = 6;
    private static final int PACKS = 30_000;

    private static final String[] LABELS = {
        "bn", "bt", "bu", "bv", "bver", "n", "u", "v", "t", "seq_", "vs", "vb", "vd", "s", "bs",
        "x_", "foo", "bn_"
    };
    private static final String[] NAMES = {
        "\"gw-1/\"",
        "\"gw-1/s1/\"",
        "\"gw-2/\"",
        "\"GW/\"",
        "\"gw-1\"",
        "\"gw-1/s1\"",
        "\"\"",
        "\"s1/water_level\"",
        "\"s2/rain\"",
        "\"water_level\"",
        "\"/rain\"",
        "\"s1/rain/x\"",
        "\"WL 1/rain\"",
        "\"s1/waterlevel\"",
        "\"s1/temperature\"",
        "\"gw-1/s1/rain\"",
        "\"/\"",
        "\"\\u0067w-1/\"",
        "\"s-9/battery\""
    };
    private static final String[] UNITS = {
        "\"m\"", "\"mm\"", "\"Cel\"", "\"V\"", "\"cm\"", "\"\"", "\"%\"", "\"%RH\"", "\"m/s\""
    };
    private static final String[] NUMBERS = {
        "0",
        "-0",
        "-0.0",
        "0.0",
        "1",
        "-1",
        "2.5",
        "1.5",
        "0.1",
        "0.2",
        "-5",
        "100",
        "1e400",
        "-1e400",
        "1e-400",
        "99999999999999999999",
        "-99999999999999999999",
        "1E+1",
        "1e-4",
        "0.0005",
        "0.0015",
        "-0.0015",
        "0.00049999999999",
        "2.5e-4",
        "1763770000",
        "1763770000.123",
        "1763770000.1235",
        "1763770000.0005",
        "1763770000.0015",
        "1763770000.00049999999999",
        "1763770000.12349999999",
        "1.76377E9",
        "1.7637700001235E9",
        "1763770000123e-3",
        "268435456",
        "268435455.9995",
        "268435455.9994",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "1e19",
        "9.3e15",
        "1e12",
        "4.9e-324",
        "1.7976931348623157e308",
        "0.30000000000000004",
        "123456789012345678",
        "12345678901234567890.5",
        "3.14159265358979"
    };
    private static final String[] OTHER_VALUES = {
        "true",
        "false",
        "null",
        "[]",
        "[1,2]",
        "{}",
        "{\"v\":1}",
        "[{\"a\":[1,{\"b\":null}]}]",
        "\"text\"",
        "\"1\""
    };

    private final Random random = new Random(20_251_122L);

    @Test
    void streamingDecoderAgreesWithTheTreeDecoderOnGeneratedPacks() {
        SenmlCodec codec = new SenmlCodec(SenmlCodec.DEFAULT_MAX_PAYLOAD_BYTES, MAX_RECORDS);
        TreeSenmlDecoder tree =
                new TreeSenmlDecoder(SenmlCodec.DEFAULT_MAX_PAYLOAD_BYTES, MAX_RECORDS);
        int accepted = 0;
        int refusedRepeats = 0;
        for (int i = 0; i < PACKS; i++) {
            Pack pack = pack();
            byte[] payload = pack.json.getBytes(StandardCharsets.UTF_8);

            Object expected = outcome(() -> tree.decode(payload, GW));
            Object actual = outcome(() -> codec.decode(payload, GW));

            if (pack.repeatsALabel) {
                assertThat(actual).as(pack.json).isInstanceOf(Violation.class);
                if (expected instanceof Violation v && v.field.equals("payload")) {
                    assertThat(actual).as(pack.json).isEqualTo(expected);
                }
                refusedRepeats++;
                continue;
            }
            assertThat(actual).as(pack.json).isEqualTo(expected);
            if (expected instanceof ReadingBatch) {
                accepted++;
            }
        }
        // The generator must exercise both sides, not only rejections.
        assertThat(accepted).isGreaterThan(PACKS / 20);
        assertThat(refusedRepeats).isGreaterThan(100);
    }

    @Test
    void fastTimeArithmeticAgreesWithDecimalsOnRandomNumbers() {
        SenmlCodec codec = new SenmlCodec();
        TreeSenmlDecoder tree = new TreeSenmlDecoder(SenmlCodec.DEFAULT_MAX_PAYLOAD_BYTES, 10);
        for (int i = 0; i < 50_000; i++) {
            String bt = randomNumber(true);
            String t = randomNumber(false);
            String v = random.nextBoolean() ? randomNumber(false) : "1.25";
            String bv = random.nextInt(4) == 0 ? ",\"bv\":" + randomNumber(false) : "";
            String json =
                    "[{\"bn\":\"gw-1/\",\"bt\":"
                            + bt
                            + bv
                            + ",\"n\":\"s1/displacement\",\"u\":\"mm\",\"v\":"
                            + v
                            + ",\"t\":"
                            + t
                            + ",\"seq_\":1}]";
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);

            assertThat(outcome(() -> codec.decode(payload, GW)))
                    .as(json)
                    .isEqualTo(outcome(() -> tree.decode(payload, GW)));
        }
    }

    /** A decimal of up to 20 digits, a point anywhere and sometimes an exponent. */
    private String randomNumber(boolean epochLike) {
        StringBuilder s = new StringBuilder();
        if (!epochLike && random.nextInt(4) == 0) {
            s.append('-');
        }
        String digits =
                epochLike
                        ? "17637" + digits(5 + random.nextInt(12))
                        : digits(1 + random.nextInt(random.nextInt(3) == 0 ? 20 : 6));
        int point = epochLike ? 10 : 1 + random.nextInt(digits.length());
        s.append(digits, 0, point);
        if (point < digits.length()) {
            s.append('.').append(digits, point, digits.length());
        }
        if (random.nextInt(5) == 0) {
            int exponent = random.nextInt(9) - 4;
            if (epochLike) {
                s.setLength(0);
                s.append(digits.charAt(0)).append('.').append(digits, 1, digits.length());
                exponent = 9;
            }
            s.append(random.nextBoolean() ? 'e' : 'E').append(exponent);
        }
        return s.toString();
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (s.charAt(0) == '0') {
            s.setCharAt(0, '1');
        }
        return s.toString();
    }

    private Pack pack() {
        int shape = random.nextInt(40);
        switch (shape) {
            case 0:
                return new Pack(pick("", " ", "{}", "1", "\"x\"", "null", "[", "{", "]"), false);
            case 1:
                return new Pack("[]" + pick("", " ", " x", "1", "[]", " {}"), false);
            default:
                break;
        }
        int records = random.nextInt(shape < 4 ? MAX_RECORDS + 3 : 4) + 1;
        StringBuilder json = new StringBuilder("[");
        boolean repeats = false;
        long seq = 1;
        for (int r = 0; r < records; r++) {
            if (r > 0) {
                json.append(',');
            }
            if (random.nextInt(60) == 0) {
                json.append(pick(OTHER_VALUES));
                continue;
            }
            List<String> fields = new ArrayList<>();
            boolean valid = random.nextInt(3) != 0;
            if (r == 0 || random.nextInt(8) == 0) {
                fields.add(field("bn", valid ? "\"gw-1/\"" : pick(NAMES)));
                fields.add(field("bt", valid ? "1763770000.123" : pick(NUMBERS)));
            }
            fields.add(field("n", valid ? "\"s1/water_level\"" : pick(NAMES)));
            fields.add(field("u", valid ? "\"m\"" : pick(UNITS)));
            fields.add(field("v", valid ? pick("2.31", "-1", "0", "1e2", "0.1") : value()));
            if (random.nextBoolean()) {
                fields.add(field("t", valid ? pick("1", "0.5", "1E+1", "-0.123") : value()));
            }
            fields.add(field("seq_", valid ? Long.toString(seq++) : value()));
            if (valid && random.nextInt(3) == 0) {
                int broken = random.nextInt(fields.size());
                String label = fields.get(broken).substring(0, fields.get(broken).indexOf(':') + 1);
                fields.set(broken, label + value());
            }
            for (int extra = random.nextInt(valid ? 2 : 4); extra > 0; extra--) {
                String label = pick(LABELS);
                if (fields.stream().noneMatch(f -> f.startsWith("\"" + label + "\":"))) {
                    fields.add(field(label, value()));
                }
            }
            if (random.nextInt(25) == 0) {
                String copy = fields.get(random.nextInt(fields.size()));
                fields.add(copy.substring(0, copy.indexOf(':') + 1) + value());
            }
            repeats |=
                    fields.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count()
                            < fields.size();
            if (random.nextInt(4) == 0) {
                Collections.shuffle(fields, random);
            }
            json.append('{').append(String.join(",", fields)).append('}');
        }
        json.append(']');
        if (random.nextInt(30) == 0) {
            json.append(pick(" ", "x", " 1", "[]", ",", "]"));
        }
        if (random.nextInt(40) == 0) {
            json.setLength(random.nextInt(json.length()));
        }
        return new Pack(json.toString(), repeats);
    }

    private String value() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(NAMES);
            case 1 -> pick(UNITS);
            case 2 -> pick(OTHER_VALUES);
            case 3 -> randomNumber(random.nextBoolean());
            default -> pick(NUMBERS);
        };
    }

    private static String field(String label, String value) {
        return "\"" + label + "\":" + value;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static Object outcome(java.util.function.Supplier<ReadingBatch> decode) {
        try {
            return decode.get();
        } catch (ContractViolation e) {
            return new Violation(e.field(), e.value(), e.reason());
        }
    }

    private record Pack(String json, boolean repeatsALabel) {}

    private record Violation(String field, String value, String reason) {}
}
