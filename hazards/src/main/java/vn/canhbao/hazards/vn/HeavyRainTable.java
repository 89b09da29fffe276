package vn.canhbao.hazards.vn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

/**
 * Heavy-rain risk levels (mưa lớn, levels 1–4) by terrain, 24-hour band and duration, as versioned
 * data ({@value #DEFAULT_RESOURCE}). The shipped rows are all uncertain ({@code ?}: structure
 * recalled, values reconstructed) and may be overridden by configuration.
 */
public record HeavyRainTable(String version, String status, List<Row> rows) {
    public static final String DEFAULT_RESOURCE = "rules/vn-heavy-rain-v1.json";

    public enum Terrain {
        plains,
        midland_mountain
    }

    /** How many days the heavy rain has lasted: 1–2, 2–4 or more than 4. */
    public enum Duration {
        D1_2("1-2d"),
        D2_4("2-4d"),
        D4_PLUS("4d+");

        private final String wire;

        Duration(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        @JsonCreator
        public static Duration fromWire(String wire) {
            for (Duration d : values()) {
                if (d.wire.equals(wire)) {
                    return d;
                }
            }
            throw new IllegalArgumentException(
                    "duration: expected 1-2d, 2-4d or 4d+ (got \"" + wire + "\")");
        }

        /** 1–2 days → D1_2, 3–4 → D2_4, more → D4_PLUS (a day counts once it started). */
        public static Duration ofDays(int days) {
            return days <= 2 ? D1_2 : days <= 4 ? D2_4 : D4_PLUS;
        }
    }

    public record Row(
            Terrain terrain,
            RainBand rain24h,
            Duration duration,
            RiskLevel level,
            String source,
            Confidence confidence) {
        public Row {
            Objects.requireNonNull(terrain, "terrain");
            Objects.requireNonNull(rain24h, "rain24h");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(confidence, "confidence");
            RuleTables.requireText(source, "rows.source");
            if (level.number() > 4) {
                throw new RuleTableException(
                        "rows.level: heavy rain has levels 1 to 4 (got " + level.number() + ")");
            }
        }

        String key() {
            return terrain + "/" + rain24h.wire() + "/" + duration.wire();
        }
    }

    public HeavyRainTable {
        RuleTables.requireText(version, "version");
        RuleTables.requireText(status, "status");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer before = seen.put(rows.get(i).key(), i);
            if (before != null) {
                throw new RuleTableException(
                        "rows[" + i + "]: duplicates rows[" + before + "] in " + version);
            }
        }
    }

    public static HeavyRainTable defaultTable() {
        return RuleTables.fromClasspath(DEFAULT_RESOURCE, HeavyRainTable.class);
    }

    public Optional<Row> levelFor(double rain24hMm, int days, Terrain terrain) {
        Optional<RainBand> band = RainBand.of(rain24hMm);
        if (band.isEmpty()) {
            return Optional.empty();
        }
        Duration d = Duration.ofDays(Math.max(1, days));
        return rows.stream()
                .filter(
                        r ->
                                r.terrain() == terrain
                                        && r.rain24h() == band.get()
                                        && r.duration() == d)
                .findFirst();
    }

    /**
     * This table with configuration rows replacing uncertain rows of the same key or adding rows.
     *
     * @throws RuleTableException naming the row if it would replace a verified or literature row
     */
    public HeavyRainTable withOverrides(List<Row> overrides, String overrideVersion) {
        List<Row> merged = new ArrayList<>(rows);
        for (int i = 0; i < overrides.size(); i++) {
            Row o = overrides.get(i);
            int at = -1;
            for (int j = 0; j < merged.size(); j++) {
                if (merged.get(j).key().equals(o.key())) {
                    at = j;
                }
            }
            if (at < 0) {
                merged.add(o);
            } else if (merged.get(at).confidence() != Confidence.UNVERIFIED) {
                throw new RuleTableException(
                        "overrides["
                                + i
                                + "]: row "
                                + o.key()
                                + " is verified in "
                                + version
                                + " and cannot be overridden");
            } else {
                merged.set(at, o);
            }
        }
        return new HeavyRainTable(
                version + "+" + RuleTables.requireText(overrideVersion, "overrideVersion"),
                status,
                merged);
    }
}
