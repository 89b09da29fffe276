package vn.canhbao.registry.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.sensor.SensorBody;
import vn.canhbao.registry.site.FloodBody;
import vn.canhbao.registry.site.SiteBody;

/**
 * Turns CSV text into sites or sensors, validating every row with the same rules as the REST API
 * and reporting each bad row with its line and column. Pure: no I/O, never throws.
 *
 * <p>Sites: required columns {@code id,name,commune,province,lat,lon}; optional {@code
 * elevation,river,basin,landslide_susceptibility,hazards} (hazards separated by {@code ;}) and the
 * flood alarm levels {@code alarm1,alarm2,alarm3,historical,gauge_datum,provenance} (all or none of
 * the required ones). Sensors: required {@code id,gateway_id,quantity,expected_interval_seconds};
 * optional {@code scale,offset,kind}. An empty cell is an absent value.
 */
public final class CsvImporter {
    public static final int MAX_ROWS = 100_000;

    static final List<String> SITE_REQUIRED =
            List.of("id", "name", "commune", "province", "lat", "lon");
    static final List<String> SITE_OPTIONAL =
            List.of(
                    "elevation",
                    "river",
                    "basin",
                    "landslide_susceptibility",
                    "hazards",
                    "alarm1",
                    "alarm2",
                    "alarm3",
                    "historical",
                    "gauge_datum",
                    "provenance");
    static final List<String> SENSOR_REQUIRED =
            List.of("id", "gateway_id", "quantity", "expected_interval_seconds");
    static final List<String> SENSOR_OPTIONAL = List.of("scale", "offset", "kind");

    private CsvImporter() {}

    public static ParsedImport sites(String csv) {
        return read(csv, SITE_REQUIRED, SITE_OPTIONAL, true);
    }

    public static ParsedImport sensors(String csv) {
        return read(csv, SENSOR_REQUIRED, SENSOR_OPTIONAL, false);
    }

    private static ParsedImport read(
            String csv, List<String> required, List<String> optional, boolean sites) {
        CsvTable.Parsed parsed = CsvTable.parse(csv);
        if (parsed.error().isPresent()) {
            return ParsedImport.failed(parsed.error().get());
        }
        CsvTable table = parsed.table().orElseThrow();
        List<ImportIssue> issues = new ArrayList<>();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < table.header().size(); i++) {
            String name = table.header().get(i);
            if (!required.contains(name) && !optional.contains(name)) {
                issues.add(new ImportIssue(1, name, "unknown column"));
            } else if (columns.putIfAbsent(name, i) != null) {
                issues.add(new ImportIssue(1, name, "column appears twice"));
            }
        }
        for (String name : required) {
            if (!columns.containsKey(name)) {
                issues.add(new ImportIssue(1, name, "required column is missing"));
            }
        }
        if (table.rows().size() > MAX_ROWS) {
            issues.add(
                    new ImportIssue(0, "body", "more than " + MAX_ROWS + " rows; split the file"));
        }
        if (!issues.isEmpty()) {
            return new ParsedImport(table.rows().size(), List.of(), List.of(), issues);
        }
        List<ParsedImport.SiteRow> siteRows = new ArrayList<>();
        List<ParsedImport.SensorRow> sensorRows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : table.rows()) {
            if (row.cells().size() != table.header().size()) {
                issues.add(
                        new ImportIssue(
                                row.line(),
                                "body",
                                "expected "
                                        + table.header().size()
                                        + " cells, found "
                                        + row.cells().size()));
                continue;
            }
            Cells cells = new Cells(row, columns);
            try {
                if (sites) {
                    ParsedImport.SiteRow site =
                            new ParsedImport.SiteRow(row.line(), siteBody(cells).toSite());
                    if (ids.add(site.site().id().value())) {
                        siteRows.add(site);
                    } else {
                        issues.add(duplicate(row.line(), site.site().id().value()));
                    }
                } else {
                    SensorBody body = sensorBody(cells);
                    ParsedImport.SensorRow sensor =
                            new ParsedImport.SensorRow(
                                    row.line(), body.toSensor(), body.validKind());
                    if (ids.add(sensor.sensor().sensor().value())) {
                        sensorRows.add(sensor);
                    } else {
                        issues.add(duplicate(row.line(), sensor.sensor().sensor().value()));
                    }
                }
            } catch (ContractViolation e) {
                issues.add(
                        new ImportIssue(
                                row.line(),
                                column(e.field()),
                                e.reason() + " (got " + e.value() + ")"));
            }
        }
        return new ParsedImport(table.rows().size(), siteRows, sensorRows, issues);
    }

    private static ImportIssue duplicate(int line, String id) {
        return new ImportIssue(line, "id", "id " + id + " appears twice in the file");
    }

    private static SiteBody siteBody(Cells c) {
        FloodBody flood = null;
        if (c.any("alarm1", "alarm2", "alarm3", "historical", "gauge_datum", "provenance")) {
            flood =
                    new FloodBody(
                            c.number("alarm1"),
                            c.number("alarm2"),
                            c.number("alarm3"),
                            c.number("historical"),
                            c.number("gauge_datum"),
                            c.text("provenance"));
        }
        String hazards = c.text("hazards");
        return new SiteBody(
                c.text("id"),
                c.text("name"),
                c.text("commune"),
                c.text("province"),
                c.number("lat"),
                c.number("lon"),
                flood,
                c.number("elevation"),
                c.text("river"),
                c.text("basin"),
                c.text("landslide_susceptibility"),
                hazards == null
                        ? null
                        : Arrays.stream(hazards.split(";")).map(String::strip).toList());
    }

    private static SensorBody sensorBody(Cells c) {
        return new SensorBody(
                c.text("id"),
                c.text("gateway_id"),
                c.text("quantity"),
                c.number("scale"),
                c.number("offset"),
                c.integer("expected_interval_seconds"),
                c.text("kind"));
    }

    /** The CSV column of an API or contracts field name: {@code flood.gaugeDatum} → gauge_datum. */
    static String column(String field) {
        String last = field.substring(field.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder();
        for (char ch : last.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private record Cells(CsvTable.Row row, Map<String, Integer> columns) {
        /** The trimmed cell, or null when the column is absent or the cell empty. */
        String text(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                return null;
            }
            String v = row.cells().get(i).strip();
            return v.isEmpty() ? null : v;
        }

        boolean any(String... names) {
            for (String n : names) {
                if (text(n) != null) {
                    return true;
                }
            }
            return false;
        }

        Double number(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            if (!v.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                throw new ContractViolation(column, v, "expected a decimal number");
            }
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new ContractViolation(column, v, "expected a finite number");
            }
            return d;
        }

        Integer integer(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            if (!v.matches("[+-]?[0-9]{1,9}")) {
                throw new ContractViolation(column, v, "expected a whole number");
            }
            return Integer.parseInt(v);
        }
    }
}
