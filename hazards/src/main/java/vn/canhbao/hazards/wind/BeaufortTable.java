package vn.canhbao.hazards.wind;

import java.util.List;
import java.util.Objects;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

/**
 * The Beaufort scale as used in Vietnam, levels 6–17 (10-minute mean wind), as data ({@value
 * #DEFAULT_RESOURCE}). Below level 6's lower bound a speed classifies as 0 ("below 6": not strong
 * wind in Vietnamese bulletins).
 *
 * @param version e.g. {@code beaufort-v1}
 * @param rows levels 6 to 17, ascending, contiguous
 */
public record BeaufortTable(String version, List<Row> rows) {
    public static final String DEFAULT_RESOURCE = "rules/beaufort-v1.json";

    /**
     * @param level Beaufort level
     * @param minMs lower bound, m/s (inclusive)
     * @param maxMs upper bound, m/s (as published; speeds between rows round to the lower level)
     * @param source where the row comes from
     * @param confidence how sure the reference is
     */
    public record Row(int level, double minMs, double maxMs, String source, Confidence confidence) {
        public Row {
            RuleTables.requireText(source, "rows.source");
            Objects.requireNonNull(confidence, "confidence");
            if (!(minMs > 0 && maxMs > minMs)) {
                throw new RuleTableException(
                        "rows.maxMs: expected 0 < minMs < maxMs at level "
                                + level
                                + " (got "
                                + minMs
                                + ", "
                                + maxMs
                                + ")");
            }
        }
    }

    public BeaufortTable {
        RuleTables.requireText(version, "version");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).level() != 6 + i) {
                throw new RuleTableException(
                        "rows[" + i + "].level: expected " + (6 + i) + " in " + version);
            }
            if (i > 0 && !(rows.get(i).minMs() > rows.get(i - 1).maxMs())) {
                throw new RuleTableException(
                        "rows[" + i + "].minMs: must be above the previous maxMs in " + version);
            }
        }
        if (rows.size() != 12) {
            throw new RuleTableException(
                    "rows: expected levels 6 to 17 (got " + rows.size() + " rows) in " + version);
        }
    }

    public static BeaufortTable defaultTable() {
        return RuleTables.fromClasspath(DEFAULT_RESOURCE, BeaufortTable.class);
    }

    /** The Beaufort level of a speed (m/s): 6–17, or 0 below level 6. Above 17 stays 17. */
    public int levelOf(double metresPerSecond) {
        int level = 0;
        for (Row r : rows) {
            if (metresPerSecond >= r.minMs()) {
                level = r.level();
            }
        }
        return level;
    }
}
