package vn.canhbao.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SenML decoder as it was before the streaming rewrite (Jackson tree model), kept only as the
 * reference that {@code SenmlDecoderDifferentialTest} compares {@link SenmlCodec#decode} with.
 */
final class TreeSenmlDecoder {
    private static final long RELATIVE_TIME_LIMIT_SECONDS = 1L << 28;

    private static final ObjectMapper MAPPER = Json.mapper();

    private final int maxPayloadBytes;
    private final int maxRecords;

    TreeSenmlDecoder(int maxPayloadBytes, int maxRecords) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxRecords = maxRecords;
    }

    public ReadingBatch decode(byte[] payload, GatewayId expectedGateway) {
        if (payload.length > maxPayloadBytes) {
            throw new ContractViolation(
                    "payload",
                    payload.length + " bytes",
                    "larger than the limit of " + maxPayloadBytes + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new ContractViolation(
                    "payload", Json.excerpt(payload), "not valid JSON: " + Json.firstLine(e));
        }
        if (root == null || !root.isArray()) {
            throw new ContractViolation(
                    "payload", Json.excerpt(payload), "expected a SenML pack (a JSON array)");
        }
        if (root.isEmpty()) {
            throw new ContractViolation("payload", "[]", "expected at least one SenML record");
        }
        if (root.size() > maxRecords) {
            throw new ContractViolation(
                    "payload", root.size() + " records", "more than the limit of " + maxRecords);
        }
        Base base = new Base();
        List<Reading> readings = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            readings.add(decodeRecord(root.get(i), i, base, expectedGateway));
        }
        return new ReadingBatch(expectedGateway, readings);
    }

    private Reading decodeRecord(JsonNode rec, int index, Base base, GatewayId expectedGateway) {
        String at = "[" + index + "]";
        if (!rec.isObject()) {
            throw new ContractViolation(
                    at, rec.toString(), "expected a SenML record (a JSON object)");
        }
        checkLabels(rec, at);
        if (rec.has("bver")
                && (!rec.get("bver").canConvertToInt() || rec.get("bver").asInt() > 10)) {
            throw new ContractViolation(
                    at + ".bver", rec.get("bver").toString(), "unsupported SenML version");
        }
        if (rec.has("bn")) {
            base.name = text(rec, "bn", at);
        }
        if (rec.has("bt")) {
            base.time = number(rec, "bt", at);
        }
        if (rec.has("bu")) {
            base.unit = text(rec, "bu", at);
        }
        if (rec.has("bv")) {
            base.value = number(rec, "bv", at);
        }
        String name = base.name + (rec.has("n") ? text(rec, "n", at) : "");
        String[] parts = name.split("/", -1);
        if (parts.length != 3) {
            throw new ContractViolation(
                    at + ".n",
                    name,
                    "expected the resolved name {gatewayId}/{sensorId}/{quantity}");
        }
        GatewayId gateway = parse(() -> GatewayId.of(parts[0]), at + ".bn", parts[0]);
        if (!gateway.equals(expectedGateway)) {
            throw new ContractViolation(
                    at + ".bn",
                    parts[0],
                    "gateway does not match the sender " + expectedGateway.value());
        }
        SensorId sensor = parse(() -> SensorId.of(parts[1]), at + ".n", parts[1]);
        Quantity quantity = Quantity.parse(parts[2], at + ".n");

        String unit = rec.has("u") ? text(rec, "u", at) : base.unit;
        if (!quantity.unit().equals(unit)) {
            throw new ContractViolation(
                    at + ".u",
                    unit,
                    "unit of " + quantity.wireName() + " must be \"" + quantity.unit() + "\"");
        }
        if (!rec.has("v")) {
            throw new ContractViolation(at + ".v", null, "expected a numeric value (v)");
        }
        BigDecimal value = number(rec, "v", at).add(base.value);

        BigDecimal seconds = base.time.add(rec.has("t") ? number(rec, "t", at) : BigDecimal.ZERO);
        if (seconds.compareTo(BigDecimal.valueOf(RELATIVE_TIME_LIMIT_SECONDS)) < 0) {
            throw new ContractViolation(
                    at + ".t",
                    seconds.toPlainString(),
                    "time must be absolute (seconds since 1970), not relative to now");
        }
        long millis;
        try {
            millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new ContractViolation(at + ".t", seconds.toPlainString(), "time out of range");
        }
        if (!rec.has("seq_")) {
            throw new ContractViolation(
                    at + ".seq_", null, "expected the gateway sequence number (seq_)");
        }
        JsonNode seqNode = rec.get("seq_");
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong()) {
            throw new ContractViolation(at + ".seq_", seqNode.toString(), "expected an integer");
        }
        double v = value.doubleValue();
        try {
            return new Reading(
                    gateway, sensor, quantity, v, Instant.ofEpochMilli(millis), seqNode.asLong());
        } catch (ContractViolation e) {
            throw new ContractViolation(at + "." + e.field(), e.value(), e.reason());
        }
    }

    private static void checkLabels(JsonNode rec, String at) {
        Iterator<Map.Entry<String, JsonNode>> fields = rec.fields();
        while (fields.hasNext()) {
            String label = fields.next().getKey();
            switch (label) {
                case "bn", "bt", "bu", "bv", "bver", "n", "u", "v", "t", "seq_" -> {}
                case "vs", "vb", "vd", "s", "bs" ->
                        throw new ContractViolation(
                                at + "." + label,
                                rec.get(label).toString(),
                                "only numeric values (v) are accepted");
                default -> {
                    if (label.endsWith("_")) {
                        throw new ContractViolation(
                                at + "." + label,
                                rec.get(label).toString(),
                                "unknown must-understand SenML label");
                    }
                }
            }
        }
    }

    private static String text(JsonNode rec, String label, String at) {
        JsonNode n = rec.get(label);
        if (!n.isTextual()) {
            throw new ContractViolation(at + "." + label, n.toString(), "expected a string");
        }
        return n.asText();
    }

    private static BigDecimal number(JsonNode rec, String label, String at) {
        JsonNode n = rec.get(label);
        if (!n.isNumber()) {
            throw new ContractViolation(at + "." + label, n.toString(), "expected a number");
        }
        // An exponent beyond double range parses as an infinite double, which has no decimal form.
        if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
            throw new ContractViolation(at + "." + label, n.toString(), "expected a finite number");
        }
        return n.decimalValue();
    }

    private static <T> T parse(java.util.function.Supplier<T> parser, String field, String value) {
        try {
            return parser.get();
        } catch (ContractViolation e) {
            throw new ContractViolation(field, value, e.reason());
        }
    }

    /** Base values that carry forward from record to record within one pack. */
    private static final class Base {
        String name = "";
        BigDecimal time = BigDecimal.ZERO;
        String unit;
        BigDecimal value = BigDecimal.ZERO;
    }
}
