package vn.canhbao.registry.importer;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.publish.SiteConfigRelay;
import vn.canhbao.registry.security.CurrentActor;
import vn.canhbao.registry.sensor.SensorRepository;
import vn.canhbao.registry.sensor.SensorView;
import vn.canhbao.registry.site.SiteRepository;
import vn.canhbao.registry.site.SiteView;
import vn.canhbao.registry.site.StoredSite;

/**
 * Applies a parsed import all or nothing: in one transaction it checks the rows against the
 * database (ids already taken, gateways that do not exist), and writes only when there is no issue
 * at all and this is not a dry run. The rows, the version bumps of the sites they touch and one
 * audit entry per created entity commit together; any failure rolls everything back.
 */
@ApplicationScoped
public class ImportService {
    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final Jdbc jdbc;
    private final SiteRepository sites;
    private final SensorRepository sensors;
    private final AuditLog audit;
    private final CurrentActor actor;
    private final SiteConfigRelay relay;

    public ImportService(
            Jdbc jdbc,
            SiteRepository sites,
            SensorRepository sensors,
            AuditLog audit,
            CurrentActor actor,
            SiteConfigRelay relay) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.sensors = sensors;
        this.audit = audit;
        this.actor = actor;
        this.relay = relay;
    }

    public ImportReport apply(ParsedImport parsed, boolean dryRun) {
        String who = actor.name();
        ImportReport report =
                jdbc.inTransaction(
                        c -> {
                            List<ImportIssue> issues = new ArrayList<>(parsed.issues());
                            issues.addAll(checkSites(c, parsed));
                            Map<String, String> siteOfGateway = new HashMap<>();
                            issues.addAll(checkSensors(c, parsed, siteOfGateway));
                            boolean apply = issues.isEmpty() && !dryRun;
                            if (apply) {
                                write(c, parsed, siteOfGateway, who);
                            }
                            return new ImportReport(
                                    apply,
                                    dryRun,
                                    parsed.rows(),
                                    issues.isEmpty() ? parsed.sites().size() : 0,
                                    issues.isEmpty() ? parsed.sensors().size() : 0,
                                    issues);
                        });
        if (report.applied()) {
            LOG.infof("%s imported %d sites and %d sensors", who, report.sites(), report.sensors());
            relay.wakeUp();
        }
        return report;
    }

    private List<ImportIssue> checkSites(Connection c, ParsedImport parsed) throws SQLException {
        List<String> ids = parsed.sites().stream().map(r -> r.site().id().value()).toList();
        Set<String> taken = existing(c, "SELECT id FROM sites WHERE id = ANY(?)", ids);
        List<ImportIssue> issues = new ArrayList<>();
        for (ParsedImport.SiteRow r : parsed.sites()) {
            if (taken.contains(r.site().id().value())) {
                issues.add(
                        new ImportIssue(
                                r.row(), "id", "site " + r.site().id() + " already exists"));
            }
        }
        return issues;
    }

    private List<ImportIssue> checkSensors(
            Connection c, ParsedImport parsed, Map<String, String> siteOfGateway)
            throws SQLException {
        List<String> ids = parsed.sensors().stream().map(r -> r.sensor().sensor().value()).toList();
        Set<String> taken = existing(c, "SELECT id FROM sensors WHERE id = ANY(?)", ids);
        List<String> gatewayIds =
                parsed.sensors().stream()
                        .map(r -> r.sensor().gateway().value())
                        .distinct()
                        .toList();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, site_id FROM gateways WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", gatewayIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    siteOfGateway.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<ImportIssue> issues = new ArrayList<>();
        for (ParsedImport.SensorRow r : parsed.sensors()) {
            if (taken.contains(r.sensor().sensor().value())) {
                issues.add(
                        new ImportIssue(
                                r.row(),
                                "id",
                                "sensor " + r.sensor().sensor() + " already exists"));
            }
            if (!siteOfGateway.containsKey(r.sensor().gateway().value())) {
                issues.add(
                        new ImportIssue(
                                r.row(),
                                "gateway_id",
                                "gateway " + r.sensor().gateway() + " does not exist"));
            }
        }
        return issues;
    }

    private void write(
            Connection c, ParsedImport parsed, Map<String, String> siteOfGateway, String who)
            throws SQLException {
        Instant now = Instant.now();
        List<AuditLog.Change> changes = new ArrayList<>();
        for (ParsedImport.SiteRow r : parsed.sites()) {
            sites.insert(c, r.site());
            changes.add(
                    new AuditLog.Change(
                            "site",
                            r.site().id().value(),
                            null,
                            SiteView.of(new StoredSite(r.site(), 1, 0, now))));
        }
        if (!parsed.sensors().isEmpty()) {
            // Lock and bump every touched site first (in id order, so concurrent imports cannot
            // deadlock), then insert the sensors in batches.
            Set<String> touched =
                    new LinkedHashSet<>(new java.util.TreeSet<>(siteOfGateway.values()));
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "UPDATE sites SET version = version + 1, updated_at = now() "
                                    + "WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("text", touched.toArray()));
                ps.executeUpdate();
            }
            sensors.insertAll(
                    c,
                    parsed.sensors().stream().map(ParsedImport.SensorRow::sensor).toList(),
                    parsed.sensors().stream().map(ParsedImport.SensorRow::kind).toList());
            for (ParsedImport.SensorRow r : parsed.sensors()) {
                changes.add(
                        new AuditLog.Change(
                                "sensor",
                                r.sensor().sensor().value(),
                                null,
                                SensorView.of(
                                        r.sensor(),
                                        siteOfGateway.get(r.sensor().gateway().value()),
                                        r.kind().orElse(null))));
            }
        }
        audit.recordAll(c, who, "import", changes);
    }

    private static Set<String> existing(Connection c, String sql, List<String> ids)
            throws SQLException {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
