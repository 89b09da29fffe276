package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SenmlNumberTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-0",
                "-0.0",
                "1763770000.123",
                "1.76377E9",
                "1E+1",
                "2.5e-4",
                "0.1",
                "123456789012345",
                "1234567890123456",
                "1e22",
                "1e23",
                "1e-22",
                "1e-23",
                "4.9e-324",
                "1e400",
                "99999999999999999999",
                "-9223372036854775808",
                "0.000000000000000000001"
            })
    void keepsTheDecimalTheTreeDecoderSaw(String text) throws IOException {
        assertAgreesWithTheTree(text);
    }

    @Test
    void fastPathAgreesWithDoubleParsingOnRandomDecimals() throws IOException {
        // One correctly rounded operation gives the double; the mantissa and scale are the text's
        // decimal, within one ulp of the tree's BigDecimal.valueOf(double).
        Random random = new Random(7);
        int fast = 0;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(17);
            s.append((char) ('1' + random.nextInt(9)));
            for (int d = 1; d < digits; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            int point = 1 + random.nextInt(digits);
            if (point < digits) {
                s.insert(s.length() - (digits - point), '.');
            }
            if (random.nextInt(3) == 0) {
                s.append('e').append(random.nextInt(50) - 25);
            }
            if (assertAgreesWithTheTree(s.toString())) {
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(100_000);
    }

    /**
     * @return whether the number took the fast path
     */
    private static boolean assertAgreesWithTheTree(String text) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
            JsonToken token = p.nextToken();
            SenmlNumber n = new SenmlNumber();
            n.read(p, token);
            boolean integral = token == JsonToken.VALUE_NUMBER_INT;
            double expected =
                    integral ? new BigDecimal(text).doubleValue() : Double.parseDouble(text);

            assertThat(n.doubleValue).as(text).isEqualTo(expected);
            if (n.isFinite()) {
                BigDecimal tree =
                        integral
                                ? new BigDecimal(text)
                                : BigDecimal.valueOf(Double.parseDouble(text));
                assertThat(n.decimal()).as(text).isEqualByComparingTo(tree);
                if (n.exact) {
                    BigDecimal own = BigDecimal.valueOf(n.mantissa, n.scale);
                    assertThat(own).as(text).isEqualByComparingTo(new BigDecimal(text));
                    BigDecimal ulp = BigDecimal.valueOf(Math.ulp(n.doubleValue));
                    assertThat(own.subtract(tree).abs()).as(text).isLessThanOrEqualTo(ulp);
                }
            }
            return n.exact && !integral;
        }
    }
}
