package vn.canhbao.edge.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/**
 * Reads scenario files strictly. The format:
 *
 * <pre>{@code
 * {
 *   "gateway": "gw-nam-cang",
 *   "publishInterval": "PT1S",
 *   "sensors": [
 *     { "id": "wl-nam-cang", "quantity": "water_level",
 *       "points": [ {"at": "PT0S", "value": 1.0}, {"at": "PT40S", "value": 4.5} ],
 *       "repeat": "PT60S" }
 *   ]
 * }
 * }</pre>
 *
 * Unknown fields, missing fields, wrong types, unknown quantities, values outside the quantity's
 * physical range, points out of time order and a {@code repeat} shorter than the series are all
 * refused with a {@link ContractViolation} whose field is a path such as {@code
 * sensors[0].points[2].at} and whose value is the rejected value. Thread-safe and stateless.
 */
public final class ScenarioLoader {
    private static final Set<String> TOP_FIELDS =
            Set.of("gateway", "publishInterval", "sensors", "description");
    private static final Set<String> SENSOR_FIELDS = Set.of("id", "quantity", "points", "repeat");
    private static final Set<String> POINT_FIELDS = Set.of("at", "value");

    private ScenarioLoader() {}

    /**
     * Loads a scenario from {@code source}. @throws ContractViolation when it is missing or
     * malformed
     */
    public static Scenario load(ScenarioSource source) {
        if (source instanceof ScenarioSource.File f) {
            return load(f.path());
        }
        return loadResource(((ScenarioSource.Classpath) source).resource());
    }

    /**
     * @throws ContractViolation naming field {@code scenario} when the file cannot be read
     */
    public static Scenario load(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ContractViolation("scenario", file.toString(), "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /** Loads a resource of this module's class path, e.g. {@code scenarios/flood-rise.json}. */
    public static Scenario loadResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new ContractViolation("scenario", resource, "no such class-path resource");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario resource " + resource, e);
        }
    }

    /** Parses scenario JSON. @throws ContractViolation naming the first bad field and its value */
    public static Scenario parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new ContractViolation(
                    "scenario", excerpt(json), "not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new ContractViolation("scenario", excerpt(json), "expected a JSON object");
        }
        checkFields(root, "", TOP_FIELDS);
        GatewayId gateway =
                as(
                        "gateway",
                        text(root, "gateway", ""),
                        () -> GatewayId.of(root.get("gateway").asText()));
        Duration interval = duration(root, "publishInterval", "");
        if (interval.isZero() || interval.isNegative()) {
            throw new ContractViolation("publishInterval", interval.toString(), "must be positive");
        }
        JsonNode sensors = array(root, "sensors", "");
        List<SensorSeries> series = new ArrayList<>();
        List<SensorId> ids = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorSeries s = sensor(sensors.get(i), "sensors[" + i + "]");
            if (ids.contains(s.sensor())) {
                throw new ContractViolation(
                        "sensors[" + i + "].id", s.sensor().value(), "sensor id appears twice");
            }
            ids.add(s.sensor());
            series.add(s);
        }
        return new Scenario(gateway, interval, series);
    }

    private static SensorSeries sensor(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ContractViolation(at, node.toString(), "expected a sensor object");
        }
        checkFields(node, at + ".", SENSOR_FIELDS);
        String idText = text(node, "id", at + ".");
        SensorId id = as(at + ".id", idText, () -> SensorId.of(idText));
        Quantity quantity = Quantity.parse(text(node, "quantity", at + "."), at + ".quantity");
        JsonNode points = array(node, "points", at + ".");
        List<SeriesPoint> list = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            String p = at + ".points[" + i + "]";
            SeriesPoint point = point(points.get(i), p, quantity);
            if (!list.isEmpty() && point.at().compareTo(list.get(list.size() - 1).at()) <= 0) {
                throw new ContractViolation(
                        p + ".at",
                        point.at().toString(),
                        "points must be in strictly increasing time order");
            }
            list.add(point);
        }
        Optional<Duration> repeat = Optional.empty();
        if (node.has("repeat")) {
            Duration r = duration(node, "repeat", at + ".");
            Duration last = list.get(list.size() - 1).at();
            if (r.isZero() || r.isNegative() || r.compareTo(last) < 0) {
                throw new ContractViolation(
                        at + ".repeat",
                        r.toString(),
                        "must be positive and not before the last point (" + last + ")");
            }
            repeat = Optional.of(r);
        }
        return new SensorSeries(id, quantity, list, repeat);
    }

    private static SeriesPoint point(JsonNode node, String at, Quantity quantity) {
        if (!node.isObject()) {
            throw new ContractViolation(
                    at,
                    node.toString(),
                    "expected a point object {\"at\": \"PT10S\", \"value\": 2.4}");
        }
        checkFields(node, at + ".", POINT_FIELDS);
        Duration time = duration(node, "at", at + ".");
        if (time.isNegative()) {
            throw new ContractViolation(at + ".at", time.toString(), "must not be negative");
        }
        JsonNode v = required(node, "value", at + ".");
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new ContractViolation(at + ".value", shown(v), "expected a finite number");
        }
        double value = v.asDouble();
        if (!quantity.inPhysicalRange(value)) {
            throw new ContractViolation(
                    at + ".value",
                    value,
                    "outside the physical range of "
                            + quantity.wireName()
                            + " ["
                            + quantity.min()
                            + ", "
                            + quantity.max()
                            + "] "
                            + quantity.unit());
        }
        return new SeriesPoint(time, value);
    }

    private static void checkFields(JsonNode node, String prefix, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ContractViolation(
                        prefix + name,
                        shown(node.get(name)),
                        "unknown field, expected one of " + allowed);
            }
        }
    }

    private static JsonNode required(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ContractViolation(prefix + field, null, "required");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode v = required(node, field, prefix);
        if (!v.isTextual()) {
            throw new ContractViolation(prefix + field, shown(v), "expected a string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode node, String field, String prefix) {
        JsonNode v = required(node, field, prefix);
        if (!v.isArray() || v.isEmpty()) {
            throw new ContractViolation(prefix + field, shown(v), "expected a non-empty array");
        }
        return v;
    }

    private static Duration duration(JsonNode node, String field, String prefix) {
        String text = text(node, field, prefix);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new ContractViolation(
                    prefix + field, text, "expected an ISO-8601 duration such as PT10S");
        }
    }

    private static <T> T as(String field, String value, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ContractViolation e) {
            throw new ContractViolation(field, value, e.reason());
        }
    }

    /**
     * Strings and numbers as themselves, so a message reads {@code (got "1s")}, not {@code (got
     * ""1s"")}.
     */
    private static Object shown(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        return n.toString();
    }

    private static String excerpt(byte[] json) {
        String s = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
