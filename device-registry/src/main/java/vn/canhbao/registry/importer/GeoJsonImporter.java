package vn.canhbao.registry.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.site.FloodBody;
import vn.canhbao.registry.site.SiteBody;

/**
 * Turns a GeoJSON (RFC 7946) {@code FeatureCollection} of {@code Point} features into sites: the
 * point is {@code [lon, lat]} or {@code [lon, lat, elevation]}; the properties are the fields of
 * the REST API's site body ({@code id, name, commune, province, river, basin,
 * landslideSusceptibility, hazards, elevation, flood}). Every feature is validated with the API's
 * rules; issues name the feature (from 1) and the property. Pure: no I/O, never throws.
 */
public final class GeoJsonImporter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .maxStringLength(1_000_000)
                                .build());
    }

    private GeoJsonImporter() {}

    public static ParsedImport sites(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return ParsedImport.failed(
                    new ImportIssue(0, "body", "not JSON: " + e.getOriginalMessage()));
        }
        if (root == null
                || !root.isObject()
                || !"FeatureCollection".equals(root.path("type").asText(null))) {
            return ParsedImport.failed(
                    new ImportIssue(0, "type", "expected a GeoJSON FeatureCollection"));
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            return ParsedImport.failed(new ImportIssue(0, "features", "expected an array"));
        }
        if (features.size() > CsvImporter.MAX_ROWS) {
            return ParsedImport.failed(
                    new ImportIssue(
                            0,
                            "features",
                            "more than " + CsvImporter.MAX_ROWS + " features; split the file"));
        }
        List<ParsedImport.SiteRow> sites = new ArrayList<>();
        List<ImportIssue> issues = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            int row = i + 1;
            try {
                ParsedImport.SiteRow site =
                        new ParsedImport.SiteRow(row, siteBody(features.get(i)).toSite());
                if (ids.add(site.site().id().value())) {
                    sites.add(site);
                } else {
                    issues.add(
                            new ImportIssue(
                                    row,
                                    "properties.id",
                                    "id " + site.site().id() + " appears twice in the file"));
                }
            } catch (ContractViolation e) {
                issues.add(
                        new ImportIssue(
                                row, property(e.field()), e.reason() + " (got " + e.value() + ")"));
            }
        }
        return new ParsedImport(features.size(), sites, List.of(), issues);
    }

    private static String property(String field) {
        return field.equals("lat") || field.equals("lon") || field.startsWith("geometry")
                ? "geometry.coordinates"
                : field.equals("type") ? "type" : "properties." + field;
    }

    private static SiteBody siteBody(JsonNode feature) {
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText(null))) {
            throw new ContractViolation(
                    "type", feature.path("type").asText(null), "expected a Feature");
        }
        JsonNode geometry = feature.path("geometry");
        if (!"Point".equals(geometry.path("type").asText(null))) {
            throw new ContractViolation(
                    "geometry.type", geometry.path("type").asText(null), "expected a Point");
        }
        JsonNode coordinates = geometry.path("coordinates");
        if (!coordinates.isArray()
                || coordinates.size() < 2
                || coordinates.size() > 3
                || !allNumbers(coordinates)) {
            throw new ContractViolation(
                    "geometry.coordinates",
                    coordinates.toString(),
                    "expected [lon, lat] or [lon, lat, elevation]");
        }
        JsonNode p = feature.path("properties");
        if (!p.isObject()) {
            throw new ContractViolation("properties", p.toString(), "expected an object");
        }
        Double elevation = number(p, "elevation");
        if (coordinates.size() == 3) {
            double third = coordinates.get(2).asDouble();
            if (elevation != null && elevation != third) {
                throw new ContractViolation(
                        "elevation", elevation, "differs from the point's third coordinate");
            }
            elevation = third;
        }
        return new SiteBody(
                text(p, "id"),
                text(p, "name"),
                text(p, "commune"),
                text(p, "province"),
                coordinates.get(1).asDouble(),
                coordinates.get(0).asDouble(),
                flood(p),
                elevation,
                text(p, "river"),
                text(p, "basin"),
                text(p, "landslideSusceptibility"),
                hazards(p));
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                return false;
            }
        }
        return true;
    }

    private static FloodBody flood(JsonNode p) {
        JsonNode f = p.get("flood");
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isObject()) {
            throw new ContractViolation("flood", f.toString(), "expected an object");
        }
        return new FloodBody(
                number(f, "alarm1", "flood.alarm1"),
                number(f, "alarm2", "flood.alarm2"),
                number(f, "alarm3", "flood.alarm3"),
                number(f, "historical", "flood.historical"),
                number(f, "gaugeDatum", "flood.gaugeDatum"),
                text(f, "provenance", "flood.provenance"));
    }

    private static List<String> hazards(JsonNode p) {
        JsonNode h = p.get("hazards");
        if (h == null || h.isNull()) {
            return null;
        }
        if (!h.isArray()) {
            throw new ContractViolation("hazards", h.toString(), "expected an array of strings");
        }
        List<String> hazards = new ArrayList<>();
        for (JsonNode n : h) {
            if (!n.isTextual()) {
                throw new ContractViolation("hazards", n.toString(), "expected a string");
            }
            hazards.add(n.asText());
        }
        return hazards;
    }

    private static String text(JsonNode p, String name) {
        return text(p, name, name);
    }

    private static String text(JsonNode p, String name, String field) {
        JsonNode n = p.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ContractViolation(field, n.toString(), "expected a string");
        }
        return n.asText();
    }

    private static Double number(JsonNode p, String name) {
        return number(p, name, name);
    }

    private static Double number(JsonNode p, String name, String field) {
        JsonNode n = p.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new ContractViolation(field, n.toString(), "expected a finite number");
        }
        return n.asDouble();
    }
}
