package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One JSON number of a SenML record, read from a streaming parser without a tree and, for the
 * numbers gateways send, without {@link BigDecimal}.
 *
 * <p>The decimal meaning is the one the SenML decoder has always used (Jackson's tree model): an
 * integer token is exact; a token with a fraction or exponent is first a {@code double}, whose
 * decimal is {@link BigDecimal#valueOf(double)} ({@link #decimal()}). When the token has at most 15
 * significant digits and a decimal exponent within ±22, {@link #mantissa} and {@link #scale} hold
 * the token's own decimal and the double comes from one correctly rounded division or
 * multiplication (Clinger's fast path), equal to the parser's. The token's decimal and the double's
 * may differ by less than one ulp: Java 17's Double.toString sometimes gives 17 digits where fewer
 * would do; {@link SenmlPackDecoder#fastMillis} allows for that.
 *
 * <p>Mutable and reused from record to record; not thread-safe.
 */
final class SenmlNumber {
    /** The integer 0, as a missing {@code bt}, {@code bv} or {@code t} counts. */
    static final SenmlNumber ZERO = new SenmlNumber();

    static final long[] POW10 = new long[19];

    /** Powers of ten that a double holds exactly. */
    private static final double[] DOUBLE_POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    private static final int MAX_FAST_DIGITS = 15;
    private static final int MAX_FAST_EXPONENT = 22;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** An integer token (no fraction, no exponent). */
    boolean integral = true;

    /** {@link #mantissa} × 10^-{@link #scale} is exactly the token's decimal value. */
    boolean exact = true;

    long mantissa;
    int scale;
    double doubleValue;

    /** An integer token beyond {@code long}; {@code null} otherwise. */
    BigInteger big;

    /** Reads the number token the parser stands on. */
    void read(JsonParser p, JsonToken token) throws IOException {
        big = null;
        scale = 0;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            integral = true;
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                exact = true;
                mantissa = p.getLongValue();
                doubleValue = mantissa;
            } else {
                exact = false;
                big = p.getBigIntegerValue();
                doubleValue = big.doubleValue();
            }
            return;
        }
        integral = false;
        exact = parseDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (!exact) {
            doubleValue = p.getDoubleValue();
        }
    }

    void copyFrom(SenmlNumber other) {
        integral = other.integral;
        exact = other.exact;
        mantissa = other.mantissa;
        scale = other.scale;
        doubleValue = other.doubleValue;
        big = other.big;
    }

    boolean isFinite() {
        return integral || Double.isFinite(doubleValue);
    }

    boolean isZero() {
        return integral ? big == null && mantissa == 0 : doubleValue == 0.0;
    }

    /** The decimal value as the tree decoder saw it ({@code JsonNode.decimalValue()}). */
    BigDecimal decimal() {
        if (integral) {
            return big != null ? new BigDecimal(big) : BigDecimal.valueOf(mantissa);
        }
        return BigDecimal.valueOf(doubleValue);
    }

    /**
     * Parses the digits of a JSON number token (the parser has already checked its syntax) into
     * {@link #mantissa}, {@link #scale} and {@link #doubleValue}.
     *
     * @return false when the number is outside the fast path's exact range
     */
    private boolean parseDecimal(char[] buf, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        long m = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        for (; i < end; i++) {
            char c = buf[i];
            if (c >= '0' && c <= '9') {
                if (point) {
                    fraction++;
                }
                if (m == 0 && c == '0') {
                    continue; // a leading zero is not a significant digit
                }
                if (++digits > MAX_FAST_DIGITS) {
                    return false;
                }
                m = m * 10 + (c - '0');
            } else if (c == '.') {
                point = true;
            } else {
                break; // 'e' or 'E'
            }
        }
        int exponent = 0;
        if (i < end) {
            i++;
            boolean negativeExponent = buf[i] == '-';
            if (buf[i] == '-' || buf[i] == '+') {
                i++;
            }
            for (; i < end; i++) {
                exponent = exponent * 10 + (buf[i] - '0');
                if (exponent > 1000) {
                    return false;
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int s = fraction - exponent;
        if (s > MAX_FAST_EXPONENT || s < -MAX_FAST_EXPONENT) {
            return false;
        }
        double magnitude = s >= 0 ? m / DOUBLE_POW10[s] : m * DOUBLE_POW10[-s];
        mantissa = negative ? -m : m;
        scale = s;
        doubleValue = negative ? -magnitude : magnitude;
        return true;
    }
}
