package vn.canhbao.edge.adapter.senml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SenmlCborLabels;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;

/**
 * Strictly decodes the SenML pack one sensor sends about itself (RFC 8428, JSON or CBOR) into
 * {@link Sample}s. The sensor is known from the transport (CoAP path and DTLS identity, MQTT
 * topic), so the pack only names the quantity.
 *
 * <p>Each record's resolved name ({@code bn} + {@code n}) is the quantity's wire name ({@code
 * water_level}), optionally prefixed by the sensor id ({@code wl-nam-cang/water_level}); an empty
 * name means the sensor's only configured quantity. The resolved unit ({@code u} or {@code bu})
 * must be the quantity's unit; the value ({@code bv} + {@code v}) must be a finite number in the
 * quantity's physical range. The resolved time ({@code bt} + {@code t}, seconds) is absolute from
 * 2^28 s on, relative to "now" below that (RFC 8428 §4.5.3), "now" when absent, and at most {@link
 * #MAX_FUTURE} ahead of now. String, boolean, data and sum values, unknown labels and duplicate
 * labels are refused. The whole pack is refused when any record is bad: a sensor resends a pack as
 * a unit, so half-accepting it would only duplicate the good half.
 *
 * <p>Thread-safe and stateless.
 */
public final class SensorSenmlDecoder {
    /** How far ahead of the gateway's clock a reading's time may be. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(10);

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 4096;
    public static final int DEFAULT_MAX_RECORDS = 64;

    private static final long RELATIVE_TIME_LIMIT_SECONDS = 1L << 28;
    private static final int MAX_NESTING = 8;

    private static final ObjectMapper JSON =
            JsonMapper.builder(
                            com.fasterxml.jackson.core.JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_NESTING)
                                                    .build())
                                    .build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();
    private static final ObjectMapper CBOR = cborMapper();

    private final KnownSensors sensors;
    private final int maxPayloadBytes;
    private final int maxRecords;

    public SensorSenmlDecoder(KnownSensors sensors) {
        this(sensors, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_RECORDS);
    }

    public SensorSenmlDecoder(KnownSensors sensors, int maxPayloadBytes, int maxRecords) {
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        if (maxPayloadBytes <= 0 || maxRecords <= 0) {
            throw new IllegalArgumentException(
                    "maxPayloadBytes and maxRecords must be positive, got "
                            + maxPayloadBytes
                            + ", "
                            + maxRecords);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxRecords = maxRecords;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * @param sensor the sensor the transport identified (already known to be configured)
     * @param now the gateway's current time, for absent and relative times
     * @throws ContractViolation naming the field and value of the first problem
     */
    public List<Sample> decode(byte[] payload, SenmlFormat format, SensorId sensor, Instant now) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > maxPayloadBytes) {
            throw new ContractViolation(
                    "payload",
                    payload.length + " bytes",
                    "payload too large, at most " + maxPayloadBytes + " bytes");
        }
        if (payload.length == 0) {
            throw new ContractViolation("payload", "", "empty payload, expected a SenML pack");
        }
        if (!sensors.contains(sensor)) {
            throw new ContractViolation(
                    "sensor", sensor.value(), "unknown sensor: not configured on this gateway");
        }
        JsonNode pack = parse(payload, format);
        if (!pack.isArray()) {
            throw new ContractViolation(
                    "payload", pack.getNodeType(), "a SenML pack must be an array of records");
        }
        if (pack.isEmpty()) {
            throw new ContractViolation("payload", "[]", "empty SenML pack");
        }
        if (pack.size() > maxRecords) {
            throw new ContractViolation(
                    "payload", pack.size() + " records", "at most " + maxRecords + " records");
        }
        List<Sample> out = new ArrayList<>(pack.size());
        Base base = new Base();
        for (int i = 0; i < pack.size(); i++) {
            out.add(record(pack.get(i), "[" + i + "]", format, base, sensor, now));
        }
        return List.copyOf(out);
    }

    private static final class Base {
        String name = "";
        double time = 0;
        Optional<String> unit = Optional.empty();
        double value = 0;
    }

    private Sample record(
            JsonNode node, String at, SenmlFormat format, Base base, SensorId sensor, Instant now) {
        if (!node.isObject()) {
            throw new ContractViolation(at, node.getNodeType(), "a SenML record must be a map");
        }
        Optional<String> name = Optional.empty();
        Optional<String> unit = Optional.empty();
        Optional<Double> value = Optional.empty();
        double time = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String label = label(e.getKey(), format, at);
            String field = at + "." + label;
            JsonNode v = e.getValue();
            switch (label) {
                case "bver" -> {
                    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 10) {
                        throw new ContractViolation(field, v, "unsupported SenML version");
                    }
                }
                case "bn" -> base.name = text(v, field);
                case "bt" -> base.time = number(v, field);
                case "bu" -> base.unit = Optional.of(text(v, field));
                case "bv" -> base.value = number(v, field);
                case "n" -> name = Optional.of(text(v, field));
                case "u" -> unit = Optional.of(text(v, field));
                case "v" -> value = Optional.of(number(v, field));
                case "t" -> time = number(v, field);
                case "ut" -> number(v, field);
                case "bs", "s", "vs", "vb", "vd" ->
                        throw new ContractViolation(
                                field,
                                v,
                                "only numeric values (v) are accepted, not string, boolean,"
                                        + " data or sum values");
                default -> throw new ContractViolation(field, v, "unknown SenML label");
            }
        }
        Quantity quantity = quantity(base.name + name.orElse(""), at, sensor);
        String resolvedUnit =
                unit.or(() -> base.unit)
                        .orElseThrow(
                                () ->
                                        new ContractViolation(
                                                at + ".u",
                                                null,
                                                "unit missing, expected \""
                                                        + quantity.unit()
                                                        + "\" for "
                                                        + quantity.wireName()));
        if (!resolvedUnit.equals(quantity.unit())) {
            throw new ContractViolation(
                    at + ".u",
                    resolvedUnit,
                    "unknown unit for "
                            + quantity.wireName()
                            + ", expected \""
                            + quantity.unit()
                            + "\"");
        }
        double v =
                base.value
                        + value.orElseThrow(
                                () -> new ContractViolation(at + ".v", null, "value missing"));
        if (!Double.isFinite(v)) {
            throw new ContractViolation(at + ".v", v, "value must be a finite number");
        }
        if (!quantity.inPhysicalRange(v)) {
            throw new ContractViolation(
                    at + ".v",
                    v,
                    "outside the physical range of "
                            + quantity.wireName()
                            + " ["
                            + quantity.min()
                            + ", "
                            + quantity.max()
                            + "] "
                            + quantity.unit());
        }
        Instant when = time(base.time + time, at + ".t", now);
        return new Sample(sensor, quantity, v, when);
    }

    private Quantity quantity(String resolvedName, String at, SensorId sensor) {
        String field = at + ".n";
        if (resolvedName.isEmpty()) {
            return sensors.soleQuantity(sensor)
                    .orElseThrow(
                            () ->
                                    new ContractViolation(
                                            field,
                                            "",
                                            "name missing and sensor "
                                                    + sensor.value()
                                                    + " has several quantities"));
        }
        String q = resolvedName;
        int slash = resolvedName.lastIndexOf('/');
        if (slash >= 0) {
            String prefix = resolvedName.substring(0, slash);
            if (!prefix.equals(sensor.value())) {
                throw new ContractViolation(
                        field,
                        resolvedName,
                        "name must be \"<quantity>\" or \"" + sensor.value() + "/<quantity>\"");
            }
            q = resolvedName.substring(slash + 1);
        }
        Quantity quantity = Quantity.parse(q, field);
        if (!sensors.quantitiesOf(sensor).contains(quantity)) {
            throw new ContractViolation(
                    field,
                    resolvedName,
                    "sensor "
                            + sensor.value()
                            + " is configured for "
                            + sensors.quantitiesOf(sensor).stream()
                                    .map(Quantity::wireName)
                                    .sorted()
                                    .toList());
        }
        return quantity;
    }

    private static Instant time(double seconds, String field, Instant now) {
        if (!Double.isFinite(seconds)) {
            throw new ContractViolation(field, seconds, "time must be a finite number");
        }
        Instant t;
        if (Math.abs(seconds) < RELATIVE_TIME_LIMIT_SECONDS) {
            t = now.plusNanos(Math.round(seconds * 1e9));
        } else if (seconds > 1e11) {
            throw new ContractViolation(field, seconds, "time too far in the future");
        } else {
            long whole = (long) Math.floor(seconds);
            long nanos = Math.round((seconds - whole) * 1e6) * 1000;
            t = Instant.ofEpochSecond(whole, 0).plusNanos(nanos);
        }
        if (t.isAfter(now.plus(MAX_FUTURE))) {
            throw new ContractViolation(
                    field,
                    seconds,
                    "time " + t + " is more than " + MAX_FUTURE + " ahead of the gateway clock");
        }
        return t;
    }

    private static String label(String key, SenmlFormat format, String at) {
        if (format == SenmlFormat.JSON) {
            return key;
        }
        String label = SenmlCborLabels.jsonName(key).orElse(null);
        if (label == null) {
            throw new ContractViolation(
                    at + "." + key, key, "unknown SenML CBOR label (RFC 8428 §6 integer labels)");
        }
        return label;
    }

    private static String text(JsonNode v, String field) {
        if (!v.isTextual()) {
            throw new ContractViolation(field, v, "must be a string");
        }
        return v.textValue();
    }

    private static double number(JsonNode v, String field) {
        if (!v.isNumber()) {
            throw new ContractViolation(field, v, "must be a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ContractViolation(field, d, "must be a finite number");
        }
        return d;
    }

    private static JsonNode parse(byte[] payload, SenmlFormat format) {
        ObjectMapper mapper = format == SenmlFormat.JSON ? JSON : CBOR;
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new ContractViolation("payload", "", "empty payload, expected a SenML pack");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ContractViolation(
                    "payload",
                    preview(payload, format),
                    "malformed SenML " + format + ": " + first(e));
        } catch (IOException e) {
            throw new ContractViolation(
                    "payload", preview(payload, format), "unreadable SenML " + format);
        } catch (RuntimeException e) {
            if (e instanceof ContractViolation cv) {
                throw cv;
            }
            // Jackson reports some malformed CBOR (bad lengths, constraints) as unchecked errors.
            throw new ContractViolation(
                    "payload",
                    preview(payload, format),
                    "malformed SenML " + format + ": " + e.getClass().getSimpleName());
        }
    }

    private static String first(JsonProcessingException e) {
        String m = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    private static String preview(byte[] payload, SenmlFormat format) {
        int n = Math.min(payload.length, 40);
        if (format == SenmlFormat.JSON) {
            return new String(payload, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", payload[i]));
        }
        return sb.toString();
    }

    private static ObjectMapper cborMapper() {
        CBORFactory f =
                CBORFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(MAX_NESTING)
                                        .build())
                        .build();
        return CBORMapper.builder(f)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
