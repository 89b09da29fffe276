package vn.canhbao.hazards.vn;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

/**
 * Decision 18/2021/QĐ-TTg Article 46: the risk level of flash floods and landslides (levels 1–3)
 * from the 24-hour rain band, the prior rain days, the susceptibility zone and the province group
 * KV1–4 (Annex XII), as versioned data ({@value #DEFAULT_RESOURCE}). Every row has a source and a
 * confidence; rows marked {@code ?} may be overridden by configuration ({@link #withOverrides}),
 * verified rows may not. A combination without a row has no level here ("not in the table"), which
 * is not the same as "no risk".
 *
 * @param version e.g. {@code vn-art46-v1}
 * @param status what the table is and is not
 * @param rows the level rows
 * @param provinceGroups the province → KV group rows (old 63-province names)
 */
public record Art46Table(
        String version, String status, List<Row> rows, List<ProvinceGroup> provinceGroups) {
    public static final String DEFAULT_RESOURCE = "rules/vn-art46-v1.json";

    /** Susceptibility zone (vùng nguy cơ) from the national landslide-susceptibility maps. */
    public enum Zone {
        low,
        medium,
        high,
        very_high
    }

    /** Province group (khu vực) of Annex XII. */
    public enum Group {
        KV1,
        KV2,
        KV3,
        KV4
    }

    /** Prior rain days: "1–2 days" or "more than 2 days" (Article 46). */
    public enum PriorDays {
        D1_2("1-2"),
        D3_PLUS("3+");

        private final String wire;

        PriorDays(String wire) {
            this.wire = wire;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return wire;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static PriorDays fromWire(String wire) {
            for (PriorDays p : values()) {
                if (p.wire.equals(wire)) {
                    return p;
                }
            }
            throw new IllegalArgumentException(
                    "priorDays: expected 1-2 or 3+ (got \"" + wire + "\")");
        }

        /** Empty for 0 days (not covered by the article as quoted). */
        public static Optional<PriorDays> of(int days) {
            return days <= 0 ? Optional.empty() : Optional.of(days <= 2 ? D1_2 : D3_PLUS);
        }
    }

    public record Row(
            RainBand rain24h,
            PriorDays priorDays,
            Zone zone,
            Group group,
            RiskLevel level,
            String source,
            Confidence confidence) {
        public Row {
            Objects.requireNonNull(rain24h, "rain24h");
            Objects.requireNonNull(priorDays, "priorDays");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(confidence, "confidence");
            RuleTables.requireText(source, "rows.source");
            if (level.number() > 3) {
                throw new RuleTableException(
                        "rows.level: Article 46 has levels 1 to 3 (got " + level.number() + ")");
            }
        }

        String key() {
            return rain24h.wire() + "/" + priorDays.wire() + "/" + zone + "/" + group;
        }
    }

    public record ProvinceGroup(
            String province, Group group, String source, Confidence confidence) {
        public ProvinceGroup {
            RuleTables.requireText(province, "provinceGroups.province");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(confidence, "confidence");
            RuleTables.requireText(source, "provinceGroups.source");
        }
    }

    public Art46Table {
        RuleTables.requireText(version, "version");
        RuleTables.requireText(status, "status");
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
        provinceGroups = List.copyOf(Objects.requireNonNull(provinceGroups, "provinceGroups"));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer before = seen.put(rows.get(i).key(), i);
            if (before != null) {
                throw new RuleTableException(
                        "rows["
                                + i
                                + "]: duplicates rows["
                                + before
                                + "] ("
                                + rows.get(i).key()
                                + ") in "
                                + version);
            }
        }
    }

    public static Art46Table defaultTable() {
        return RuleTables.fromClasspath(DEFAULT_RESOURCE, Art46Table.class);
    }

    /** The row for a situation, if the table has one. */
    public Optional<Row> levelFor(double rain24hMm, int priorRainDays, Zone zone, Group group) {
        Optional<RainBand> band = RainBand.of(rain24hMm);
        Optional<PriorDays> prior = PriorDays.of(priorRainDays);
        if (band.isEmpty() || prior.isEmpty()) {
            return Optional.empty();
        }
        return rows.stream()
                .filter(
                        r ->
                                r.rain24h() == band.get()
                                        && r.priorDays() == prior.get()
                                        && r.zone() == zone
                                        && r.group() == group)
                .findFirst();
    }

    /**
     * The KV groups of a province (old 63-province name, accents and case ignored); two groups when
     * the source lists the province twice (Khánh Hòa), none when unknown.
     */
    public List<ProvinceGroup> groupsOf(String province) {
        String key = fold(province);
        return provinceGroups.stream().filter(p -> fold(p.province()).equals(key)).toList();
    }

    /**
     * This table with configuration rows replacing uncertain ({@code ?}) rows of the same key or
     * adding rows for keys it lacks.
     *
     * @throws RuleTableException naming the row if it would replace a verified or literature row
     */
    public Art46Table withOverrides(List<Row> overrides, String overrideVersion) {
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
                                + " is "
                                + merged.get(at).confidence().tag()
                                + " in "
                                + version
                                + " and cannot be overridden");
            } else {
                merged.set(at, o);
            }
        }
        return new Art46Table(
                version + "+" + RuleTables.requireText(overrideVersion, "overrideVersion"),
                status,
                merged,
                provinceGroups);
    }

    private static String fold(String s) {
        String d = Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    }
}
