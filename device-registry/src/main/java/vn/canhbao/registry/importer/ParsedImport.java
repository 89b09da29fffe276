package vn.canhbao.registry.importer;

import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.registry.site.Site;

/**
 * What an importer made of a file: the valid rows and the issues of the others. Only a file without
 * issues is ever applied.
 *
 * @param rows how many data rows (CSV) or features (GeoJSON) the file holds
 */
public record ParsedImport(
        int rows, List<SiteRow> sites, List<SensorRow> sensors, List<ImportIssue> issues) {

    public ParsedImport {
        sites = List.copyOf(sites);
        sensors = List.copyOf(sensors);
        issues = List.copyOf(issues);
    }

    /** A valid site and the row it came from. */
    public record SiteRow(int row, Site site) {}

    /** A valid sensor and the row it came from. */
    public record SensorRow(int row, SensorConfig sensor, Optional<String> kind) {}

    static ParsedImport failed(ImportIssue issue) {
        return new ParsedImport(0, List.of(), List.of(), List.of(issue));
    }
}
