package vn.canhbao.hazards.flood;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;

/**
 * The versioned table that maps each {@link FloodStage} to a {@link RiskLevel}: data, not code.
 * Every row carries its source and {@link Confidence}. The default table {@code
 * rules/flood-stage-v1.json} is a canhbao local-alert mapping pending verification of Decision
 * 18/2021/QĐ-TTg; a new mapping is a new table version, and every alert names the version it used.
 * Immutable and thread-safe.
 *
 * @param ruleId the rule this table drives, e.g. {@code flood.stage}; part of every alert id
 * @param version the table version, e.g. {@code flood-stage-v1}
 * @param status what the table is and is not (shown to operators next to alerts)
 * @param rows one row per stage, lowest stage first
 */
public record FloodStageTable(String ruleId, String version, String status, List<Row> rows) {

    /** The table shipped with this module. */
    public static final String DEFAULT_RESOURCE = "rules/flood-stage-v1.json";

    /**
     * One stage-to-level mapping.
     *
     * @param stage the threshold
     * @param level the risk level a persistent exceedance of {@code stage} raises
     * @param source where the mapping comes from
     * @param confidence how sure we are of it
     * @param note a short explanation for people
     */
    public record Row(
            FloodStage stage, RiskLevel level, String source, Confidence confidence, String note) {
        public Row {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(confidence, "confidence");
            Objects.requireNonNull(note, "note");
            if (source == null || source.isBlank()) {
                throw new RuleTableException(
                        "rows.source: every row needs a source (stage " + stage.wireName() + ")");
            }
        }
    }

    public FloodStageTable {
        requireText(ruleId, "ruleId");
        requireText(version, "version");
        requireText(status, "status");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        if (rows.size() != FloodStage.values().length) {
            throw new RuleTableException(
                    "rows: expected one row per stage "
                            + List.of(FloodStage.values())
                            + " (got "
                            + rows.size()
                            + " rows) in "
                            + version);
        }
        for (int i = 0; i < rows.size(); i++) {
            FloodStage expected = FloodStage.values()[i];
            if (rows.get(i).stage() != expected) {
                throw new RuleTableException(
                        "rows["
                                + i
                                + "].stage: expected "
                                + expected.wireName()
                                + " (got "
                                + rows.get(i).stage().wireName()
                                + ") in "
                                + version);
            }
            if (i > 0 && rows.get(i).level().number() < rows.get(i - 1).level().number()) {
                throw new RuleTableException(
                        "rows["
                                + i
                                + "].level: must not be lower than the level of a lower stage (got "
                                + rows.get(i).level().number()
                                + ") in "
                                + version);
            }
        }
    }

    /** The risk level a persistent exceedance of {@code stage} raises. */
    public RiskLevel levelOf(FloodStage stage) {
        return rows.get(stage.ordinal()).level();
    }

    /** Levels by stage, for display. */
    public Map<FloodStage, RiskLevel> levels() {
        Map<FloodStage, RiskLevel> m = new EnumMap<>(FloodStage.class);
        rows.forEach(r -> m.put(r.stage(), r.level()));
        return Map.copyOf(m);
    }

    /** The table shipped with this module ({@value #DEFAULT_RESOURCE}). */
    public static FloodStageTable defaultTable() {
        return fromClasspath(DEFAULT_RESOURCE);
    }

    /**
     * @throws RuleTableException if the resource is missing or not a valid table
     */
    public static FloodStageTable fromClasspath(String resource) {
        try (InputStream in =
                FloodStageTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleTableException(
                        "rule table " + resource + " not found on the classpath");
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new RuleTableException("cannot read rule table " + resource, e);
        }
    }

    /**
     * @param origin where the bytes came from, for the error message
     * @throws RuleTableException naming the origin and the field at fault
     */
    public static FloodStageTable parse(byte[] json, String origin) {
        try {
            return Json.mapper().readValue(json, FloodStageTable.class);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RuleTableException rte) {
                    throw new RuleTableException(origin + ": " + rte.getMessage(), e);
                }
            }
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new RuleTableException(
                    origin
                            + ": not a valid flood stage table: "
                            + (nl < 0 ? m : m.substring(0, nl)),
                    e);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleTableException(
                    field + ": expected text (got " + (value == null ? "nothing" : "\"\"") + ")");
        }
    }
}
