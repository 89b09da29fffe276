package vn.canhbao.hazards.landslide;

import java.util.List;
import java.util.Objects;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

/**
 * The intensity–duration thresholds shipped as data ({@value #DEFAULT_RESOURCE}), by name.
 *
 * @param version e.g. {@code landslide-id-v1}
 * @param rows one per threshold
 */
public record IdThresholdTable(String version, List<IdThreshold> rows) {
    public static final String DEFAULT_RESOURCE = "rules/landslide-id-thresholds-v1.json";

    public IdThresholdTable {
        RuleTables.requireText(version, "version");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        if (rows.isEmpty()) {
            throw new RuleTableException("rows: expected at least one threshold in " + version);
        }
        if (rows.stream().map(IdThreshold::name).distinct().count() != rows.size()) {
            throw new RuleTableException("rows.name: duplicate threshold names in " + version);
        }
    }

    public static IdThresholdTable defaultTable() {
        return RuleTables.fromClasspath(DEFAULT_RESOURCE, IdThresholdTable.class);
    }

    /**
     * @throws RuleTableException naming the unknown threshold
     */
    public IdThreshold get(String name) {
        return rows.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new RuleTableException(
                                        "name: no threshold \"" + name + "\" in " + version));
    }
}
