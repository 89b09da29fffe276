package vn.canhbao.registry.adminunit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.importer.ImportIssue;
import vn.canhbao.registry.security.CurrentActor;

/**
 * Applies a commune catalogue all or nothing. In one transaction, holding a lock that serialises
 * imports (reads stay possible), it checks every row against the database: the province is one of
 * the 34, the former province one of the 63 and merged into that province, and the name is not held
 * in that province by another commune. Only when there is no issue at all and this is not a dry run
 * does it upsert: a row whose code exists updates that commune; otherwise a commune of the same
 * province and name <em>without a code</em> (the demo seed) is given the code; otherwise the
 * commune is inserted. Communes missing from the file are kept. One audit entry (entity {@code
 * communes}/{@code catalogue}) records who imported, the counts before and after, and how many rows
 * were inserted, updated or unchanged.
 */
@ApplicationScoped
public class CommuneImportService {
    private static final Logger LOG = Logger.getLogger(CommuneImportService.class);

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final CurrentActor actor;

    public CommuneImportService(Jdbc jdbc, AuditLog audit, CurrentActor actor) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.actor = actor;
    }

    private record Stored(
            long id, String code, String name, String provinceCode, String formerCode) {}

    public CommuneImportReport apply(CommuneCsv.Parsed parsed, boolean dryRun) {
        String who = actor.name();
        CommuneImportReport report =
                jdbc.inTransaction(
                        c -> {
                            try (PreparedStatement lock =
                                    c.prepareStatement(
                                            "LOCK TABLE communes IN SHARE ROW EXCLUSIVE MODE")) {
                                lock.execute();
                            }
                            List<Stored> stored = stored(c);
                            Map<String, Stored> byCode = new HashMap<>();
                            Map<String, Stored> byName = new HashMap<>();
                            for (Stored s : stored) {
                                if (s.code() != null) {
                                    byCode.put(s.code(), s);
                                }
                                byName.put(key(s.provinceCode(), s.name()), s);
                            }
                            List<ImportIssue> issues = new ArrayList<>(parsed.issues());
                            issues.addAll(check(c, parsed, byCode, byName));
                            int inserted = 0;
                            int updated = 0;
                            List<CommuneCsv.Row> inserts = new ArrayList<>();
                            Map<Long, CommuneCsv.Row> updates = new LinkedHashMap<>();
                            for (CommuneCsv.Row r : parsed.communes()) {
                                Stored target = target(r, byCode, byName);
                                if (target == null) {
                                    inserts.add(r);
                                } else if (!same(target, r)) {
                                    updates.put(target.id(), r);
                                }
                            }
                            boolean valid = issues.isEmpty();
                            boolean apply = valid && !dryRun;
                            if (valid) {
                                inserted = inserts.size();
                                updated = updates.size();
                            }
                            if (apply) {
                                write(c, who, stored, inserts, updates, parsed.rows());
                            }
                            return new CommuneImportReport(
                                    apply,
                                    dryRun,
                                    parsed.rows(),
                                    inserted,
                                    updated,
                                    valid ? parsed.communes().size() - inserted - updated : 0,
                                    issues);
                        });
        if (report.applied()) {
            LOG.infof(
                    "%s imported the commune catalogue: %d rows, %d inserted, %d updated",
                    who, report.rows(), report.inserted(), report.updated());
        }
        return report;
    }

    private static List<ImportIssue> check(
            Connection c,
            CommuneCsv.Parsed parsed,
            Map<String, Stored> byCode,
            Map<String, Stored> byName)
            throws SQLException {
        Set<String> provinces = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code FROM provinces");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                provinces.add(rs.getString(1));
            }
        }
        Map<String, String> mergedInto = new HashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT code, merged_into FROM former_provinces");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                mergedInto.put(rs.getString(1), rs.getString(2));
            }
        }
        List<ImportIssue> issues = new ArrayList<>();
        for (CommuneCsv.Row r : parsed.communes()) {
            if (!provinces.contains(r.provinceCode())) {
                issues.add(
                        new ImportIssue(
                                r.line(),
                                "province_code",
                                "no province has code "
                                        + r.provinceCode()
                                        + " (expected one of the 34 provinces)"));
                continue;
            }
            if (r.formerProvinceCode().isPresent()) {
                String former = r.formerProvinceCode().get();
                String into = mergedInto.get(former);
                if (into == null) {
                    issues.add(
                            new ImportIssue(
                                    r.line(),
                                    "former_province_code",
                                    "no former province has code "
                                            + former
                                            + " (expected one of the 63 or nothing)"));
                    continue;
                }
                if (!into.equals(r.provinceCode())) {
                    issues.add(
                            new ImportIssue(
                                    r.line(),
                                    "former_province_code",
                                    "former province "
                                            + former
                                            + " was merged into province "
                                            + into
                                            + ", not "
                                            + r.provinceCode()));
                    continue;
                }
            }
            Stored holder = byName.get(key(r.provinceCode(), r.name()));
            if (holder != null && holder != target(r, byCode, byName)) {
                issues.add(
                        new ImportIssue(
                                r.line(),
                                "name",
                                "name "
                                        + r.name()
                                        + " is already commune "
                                        + holder.code()
                                        + " in province "
                                        + r.provinceCode()));
            }
        }
        return issues;
    }

    /** The stored commune a row updates: the one with its code, else a code-less one by name. */
    private static Stored target(
            CommuneCsv.Row r, Map<String, Stored> byCode, Map<String, Stored> byName) {
        Stored byItsCode = byCode.get(r.code());
        if (byItsCode != null) {
            return byItsCode;
        }
        Stored named = byName.get(key(r.provinceCode(), r.name()));
        return named != null && named.code() == null ? named : null;
    }

    private static boolean same(Stored s, CommuneCsv.Row r) {
        return r.code().equals(s.code())
                && r.name().equals(s.name())
                && r.provinceCode().equals(s.provinceCode())
                && Objects.equals(r.formerProvinceCode().orElse(null), s.formerCode());
    }

    private static String key(String province, String name) {
        return province + "\u0000" + name;
    }

    private void write(
            Connection c,
            String who,
            List<Stored> before,
            List<CommuneCsv.Row> inserts,
            Map<Long, CommuneCsv.Row> updates,
            int rows)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE communes SET code = ?, name = ?, province_code = ?, "
                                + "former_province_code = ? WHERE id = ?")) {
            for (Map.Entry<Long, CommuneCsv.Row> e : updates.entrySet()) {
                bind(ps, e.getValue());
                ps.setLong(5, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO communes (code, name, province_code, former_province_code) "
                                + "VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < inserts.size(); i++) {
                bind(ps, inserts.get(i));
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        Map<String, Object> after = counts(stored(c));
        after.put("rows", rows);
        after.put("inserted", inserts.size());
        after.put("updated", updates.size());
        after.put("unchanged", rows - inserts.size() - updates.size());
        audit.record(c, who, "import", "communes", "catalogue", counts(before), after);
    }

    private static void bind(PreparedStatement ps, CommuneCsv.Row r) throws SQLException {
        ps.setString(1, r.code());
        ps.setString(2, r.name());
        ps.setString(3, r.provinceCode());
        ps.setString(4, r.formerProvinceCode().orElse(null));
    }

    private static Map<String, Object> counts(List<Stored> communes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("communes", communes.size());
        m.put("withCode", communes.stream().filter(s -> s.code() != null).count());
        m.put("withFormerProvince", communes.stream().filter(s -> s.formerCode() != null).count());
        return m;
    }

    private static List<Stored> stored(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, code, name, province_code, former_province_code "
                                        + "FROM communes");
                ResultSet rs = ps.executeQuery()) {
            List<Stored> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new Stored(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5)));
            }
            return out;
        }
    }
}
