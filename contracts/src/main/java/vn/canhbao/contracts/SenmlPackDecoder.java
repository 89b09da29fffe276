package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one SenML JSON pack for {@link SenmlCodec} with Jackson's streaming parser: no tree, and
 * no {@link BigDecimal} for the numbers gateways send.
 *
 * <p>Reports the same first problem as the tree decoder it replaced. The whole payload is still
 * parsed before a record's problem is reported (invalid JSON anywhere, a missing pack, an empty
 * pack and too many records come first); within a record, the labels are checked in the order they
 * appear before any value is read, then the values in a fixed order (bver, bn, bt, bu, bv, name,
 * unit, v, t, seq_). A label that appears twice in one record is refused.
 *
 * <p>One instance per {@link #decode} call; not thread-safe.
 */
final class SenmlPackDecoder {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    /** Reads one value as the tree decoder saw it, for the value of an error message. */
    private static final ObjectReader NODE_READER =
            Json.mapper()
                    .readerFor(JsonNode.class)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** RFC 8428 section 4.5.3: resolved times below 2^28 s are relative to "now". */
    private static final long RELATIVE_TIME_LIMIT_SECONDS = 1L << 28;

    private static final long RELATIVE_TIME_LIMIT_MILLIS = RELATIVE_TIME_LIMIT_SECONDS * 1000;

    /** 2^41 s in millis: the fast time arithmetic stays below, where a double's ulp is 2^-12 s. */
    private static final long MAX_FAST_MILLIS = (1L << 41) * 1000;

    /** What the fast time arithmetic returns when BigDecimal must decide. */
    private static final long SLOW = Long.MIN_VALUE;

    private final int maxRecords;
    private final GatewayId expectedGateway;
    private final SenmlRecord rec = new SenmlRecord();

    // Base values that carry forward from record to record within one pack.
    private String baseName = "";
    private final SenmlNumber baseTime = new SenmlNumber();
    private String baseUnit;
    private final SenmlNumber baseValue = new SenmlNumber();

    /** The previous record's sensor: packs repeat sensors, so most records reuse it. */
    private SensorId lastSensor;

    SenmlPackDecoder(int maxRecords, GatewayId expectedGateway) {
        this.maxRecords = maxRecords;
        this.expectedGateway = expectedGateway;
    }

    ReadingBatch decode(byte[] payload) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            return decode(p, payload);
        } catch (IOException e) {
            throw new ContractViolation(
                    "payload", Json.excerpt(payload), "not valid JSON: " + Json.firstLine(e));
        }
    }

    private ReadingBatch decode(JsonParser p, byte[] payload) throws IOException {
        JsonToken token = p.nextToken();
        if (token != JsonToken.START_ARRAY) {
            if (token != null) {
                p.skipChildren();
                requireEnd(p);
            }
            throw new ContractViolation(
                    "payload", Json.excerpt(payload), "expected a SenML pack (a JSON array)");
        }
        List<Reading> readings = new ArrayList<>();
        ContractViolation first = null;
        int count = 0;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = count++;
            if (first != null || count > maxRecords) {
                p.skipChildren();
                continue;
            }
            if (token != JsonToken.START_OBJECT) {
                first =
                        new ContractViolation(
                                at(index),
                                node(p, token).toString(),
                                "expected a SenML record (a JSON object)");
                continue;
            }
            rec.read(p, index);
            try {
                readings.add(decodeRecord(index));
            } catch (ContractViolation e) {
                first = e;
            }
        }
        requireEnd(p);
        if (count == 0) {
            throw new ContractViolation("payload", "[]", "expected at least one SenML record");
        }
        if (count > maxRecords) {
            throw new ContractViolation(
                    "payload", count + " records", "more than the limit of " + maxRecords);
        }
        if (first != null) {
            throw first;
        }
        return new ReadingBatch(expectedGateway, readings);
    }

    private Reading decodeRecord(int index) {
        if (rec.labelProblem != null) {
            throw rec.labelProblem;
        }
        if (rec.has(SenmlRecord.BVER)) {
            JsonNode bver = rec.node[SenmlRecord.BVER];
            if (!bver.canConvertToInt() || bver.asInt() > 10) {
                throw new ContractViolation(
                        at(index) + ".bver", bver.toString(), "unsupported SenML version");
            }
        }
        if (rec.has(SenmlRecord.BN)) {
            baseName = text(SenmlRecord.BN, index);
        }
        if (rec.has(SenmlRecord.BT)) {
            baseTime.copyFrom(number(SenmlRecord.BT, index));
        }
        if (rec.has(SenmlRecord.BU)) {
            baseUnit = text(SenmlRecord.BU, index);
        }
        if (rec.has(SenmlRecord.BV)) {
            baseValue.copyFrom(number(SenmlRecord.BV, index));
        }
        String n = rec.has(SenmlRecord.N) ? text(SenmlRecord.N, index) : "";
        ResolvedName name = new ResolvedName(baseName, n);
        if (!name.hasThreeLevels()) {
            throw new ContractViolation(
                    at(index) + ".n",
                    baseName + n,
                    "expected the resolved name {gatewayId}/{sensorId}/{quantity}");
        }
        GatewayId gateway = gateway(name, index);
        SensorId sensor = sensor(name, index);
        Quantity quantity = name.quantity();
        if (quantity == null) {
            quantity = Quantity.parse(name.part(name.slash2 + 1, name.length()), at(index) + ".n");
        }

        String unit = rec.has(SenmlRecord.U) ? text(SenmlRecord.U, index) : baseUnit;
        if (!quantity.unit().equals(unit)) {
            throw new ContractViolation(
                    at(index) + ".u",
                    unit,
                    "unit of " + quantity.wireName() + " must be \"" + quantity.unit() + "\"");
        }
        if (!rec.has(SenmlRecord.V)) {
            throw new ContractViolation(at(index) + ".v", null, "expected a numeric value (v)");
        }
        SenmlNumber v = number(SenmlRecord.V, index);
        // -0.0 + 0.0 is 0.0, as the decimal sum always was.
        double value =
                baseValue.isZero()
                        ? v.doubleValue + 0.0
                        : v.decimal().add(baseValue.decimal()).doubleValue();

        SenmlNumber t = rec.has(SenmlRecord.T) ? number(SenmlRecord.T, index) : SenmlNumber.ZERO;
        long millis = fastMillis(baseTime, t);
        if (millis == SLOW) {
            millis = slowMillis(baseTime, t, index);
        }
        if (!rec.has(SenmlRecord.SEQ)) {
            throw new ContractViolation(
                    at(index) + ".seq_", null, "expected the gateway sequence number (seq_)");
        }
        JsonNode badSeq = rec.node[SenmlRecord.SEQ];
        if (badSeq != null) {
            throw new ContractViolation(
                    at(index) + ".seq_", badSeq.toString(), "expected an integer");
        }
        try {
            return new Reading(
                    gateway, sensor, quantity, value, Instant.ofEpochMilli(millis), rec.seq);
        } catch (ContractViolation e) {
            throw new ContractViolation(at(index) + "." + e.field(), e.value(), e.reason());
        }
    }

    private GatewayId gateway(ResolvedName name, int index) {
        if (name.regionEquals(0, name.slash1, expectedGateway.value())) {
            return expectedGateway;
        }
        String value = name.part(0, name.slash1);
        try {
            GatewayId.of(value);
        } catch (ContractViolation e) {
            throw new ContractViolation(at(index) + ".bn", value, e.reason());
        }
        throw new ContractViolation(
                at(index) + ".bn",
                value,
                "gateway does not match the sender " + expectedGateway.value());
    }

    private SensorId sensor(ResolvedName name, int index) {
        int from = name.slash1 + 1;
        if (lastSensor != null && name.regionEquals(from, name.slash2, lastSensor.value())) {
            return lastSensor;
        }
        String value = name.part(from, name.slash2);
        try {
            lastSensor = SensorId.of(value);
        } catch (ContractViolation e) {
            throw new ContractViolation(at(index) + ".n", value, e.reason());
        }
        return lastSensor;
    }

    private String text(int label, int index) {
        JsonNode bad = rec.node[label];
        if (bad != null) {
            throw new ContractViolation(
                    at(index) + "." + SenmlRecord.LABELS[label],
                    bad.toString(),
                    "expected a string");
        }
        return rec.text[label];
    }

    private SenmlNumber number(int label, int index) {
        JsonNode bad = rec.node[label];
        if (bad != null) {
            // An exponent beyond double range parses as an infinite double, which has no decimal.
            String reason = bad.isNumber() ? "expected a finite number" : "expected a number";
            throw new ContractViolation(
                    at(index) + "." + SenmlRecord.LABELS[label], bad.toString(), reason);
        }
        return rec.number[label];
    }

    /**
     * Epoch millis of {@code base + offset} seconds rounded half up, or {@link #SLOW} when long
     * arithmetic cannot tell exactly or the time is not valid (BigDecimal then decides and
     * reports).
     *
     * <p>The tree decoder added the decimals of the doubles ({@link SenmlNumber#decimal()}), which
     * on Java 17 are sometimes longer than the token (Double.toString gives 17 digits where fewer
     * would do) but always within one ulp of it. With at most three decimals and below 2^41 s (ulp
     * at most 2^-12 s), the two sums differ by less than half a millisecond from a whole number of
     * milliseconds, so they round to the same millis.
     */
    static long fastMillis(SenmlNumber base, SenmlNumber offset) {
        if (!base.exact || !offset.exact || base.scale > 3 || offset.scale > 3) {
            return SLOW;
        }
        long a = rescale(base.mantissa, 3 - base.scale);
        long b = rescale(offset.mantissa, 3 - offset.scale);
        if (a == SLOW
                || b == SLOW
                || Math.abs(a) >= MAX_FAST_MILLIS
                || Math.abs(b) >= MAX_FAST_MILLIS) {
            return SLOW;
        }
        long millis = a + b;
        // Strictly above the limit: the tree's sum may lie a fraction of a millisecond below.
        return millis > RELATIVE_TIME_LIMIT_MILLIS ? millis : SLOW;
    }

    /** {@code value} × 10^digits, or {@link #SLOW} on overflow. */
    private static long rescale(long value, int digits) {
        if (digits == 0) {
            return value;
        }
        if (digits >= SenmlNumber.POW10.length) {
            return value == 0 ? 0 : SLOW;
        }
        long factor = SenmlNumber.POW10[digits];
        long high = Math.multiplyHigh(value, factor);
        long low = value * factor;
        return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : SLOW;
    }

    private static long slowMillis(SenmlNumber base, SenmlNumber offset, int index) {
        BigDecimal seconds = base.decimal().add(offset.decimal());
        if (seconds.compareTo(BigDecimal.valueOf(RELATIVE_TIME_LIMIT_SECONDS)) < 0) {
            throw new ContractViolation(
                    at(index) + ".t",
                    seconds.toPlainString(),
                    "time must be absolute (seconds since 1970), not relative to now");
        }
        try {
            return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new ContractViolation(
                    at(index) + ".t", seconds.toPlainString(), "time out of range");
        }
    }

    /** Parser at the last token of the pack: nothing may follow it. */
    private static void requireEnd(JsonParser p) throws IOException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            // The tree decoder's wording (Jackson's FAIL_ON_TRAILING_TOKENS).
            throw new IOException(
                    "Trailing token (of type "
                            + trailing
                            + ") found after value (bound as"
                            + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                            + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        }
    }

    /** The value the parser stands on, as the tree decoder held it; consumes the value. */
    static JsonNode node(JsonParser p, JsonToken token) throws IOException {
        JsonNode node = NODE_READER.readTree(p);
        return node == null ? NullNode.getInstance() : node;
    }

    static String at(int index) {
        return "[" + index + "]";
    }

    /**
     * The resolved name {@code bn + n} without concatenating it: the positions of its first two
     * slashes, and whether a third follows.
     */
    private static final class ResolvedName {
        final String base;
        final String name;
        final int slash1;
        final int slash2;
        final int slash3;

        ResolvedName(String base, String name) {
            this.base = base;
            this.name = name;
            slash1 = nextSlash(0);
            slash2 = slash1 < 0 ? -1 : nextSlash(slash1 + 1);
            slash3 = slash2 < 0 ? -1 : nextSlash(slash2 + 1);
        }

        boolean hasThreeLevels() {
            return slash2 >= 0 && slash3 < 0;
        }

        int length() {
            return base.length() + name.length();
        }

        private int nextSlash(int from) {
            int baseLength = base.length();
            if (from < baseLength) {
                int i = base.indexOf('/', from);
                if (i >= 0) {
                    return i;
                }
                from = baseLength;
            }
            int j = name.indexOf('/', from - baseLength);
            return j < 0 ? -1 : baseLength + j;
        }

        String part(int from, int to) {
            int baseLength = base.length();
            if (to <= baseLength) {
                return base.substring(from, to);
            }
            if (from >= baseLength) {
                return name.substring(from - baseLength, to - baseLength);
            }
            return (base + name).substring(from, to);
        }

        boolean regionEquals(int from, int to, String s) {
            int length = to - from;
            if (s.length() != length) {
                return false;
            }
            int baseLength = base.length();
            if (to <= baseLength) {
                return base.regionMatches(from, s, 0, length);
            }
            if (from >= baseLength) {
                return name.regionMatches(from - baseLength, s, 0, length);
            }
            return part(from, to).equals(s);
        }

        /** The quantity after the second slash, or {@code null} when it is not known. */
        Quantity quantity() {
            int from = slash2 + 1;
            int baseLength = base.length();
            if (from >= baseLength) {
                return Quantity.byWireName(name, from - baseLength, name.length());
            }
            return Quantity.byWireName(part(from, length()), 0, length() - from);
        }
    }
}
