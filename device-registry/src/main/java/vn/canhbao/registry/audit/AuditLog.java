package vn.canhbao.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.Json;

/**
 * The audit log: one row per change, written in the transaction of the change itself, so a change
 * and its audit row commit or roll back together. {@code before} and {@code after} are the API
 * views of the entity (never secrets), as JSON.
 */
@ApplicationScoped
public class AuditLog {
    private static final String INSERT =
            "INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after) "
                    + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)";

    /** One change to record. {@code before} is null for a creation. */
    public record Change(String entityType, String entityId, Object before, Object after) {}

    public void record(
            Connection c,
            String actor,
            String action,
            String entityType,
            String entityId,
            Object before,
            Object after)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, actor, action, new Change(entityType, entityId, before, after));
            ps.executeUpdate();
        }
    }

    /** Records many changes of one action in JDBC batches (bulk import). */
    public void recordAll(Connection c, String actor, String action, List<Change> changes)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < changes.size(); i++) {
                bind(ps, actor, action, changes.get(i));
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The newest entries first, optionally of one entity type and id. */
    public List<AuditEntry> list(
            Connection c, Optional<String> entityType, Optional<String> entityId, int limit)
            throws SQLException {
        String sql =
                "SELECT id, at, actor, action, entity_type, entity_id, before::text, after::text "
                        + "FROM audit_log WHERE (?::text IS NULL OR entity_type = ?) "
                        + "AND (?::text IS NULL OR entity_id = ?) ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entityType.orElse(null));
            ps.setString(2, entityType.orElse(null));
            ps.setString(3, entityId.orElse(null));
            ps.setString(4, entityId.orElse(null));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(
                            new AuditEntry(
                                    rs.getLong(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    parse(rs.getString(7)),
                                    parse(rs.getString(8))));
                }
                return entries;
            }
        }
    }

    private static void bind(PreparedStatement ps, String actor, String action, Change change)
            throws SQLException {
        ps.setString(1, actor);
        ps.setString(2, action);
        ps.setString(3, change.entityType());
        ps.setString(4, change.entityId());
        ps.setString(5, json(change.before()));
        ps.setString(6, json(change.after()));
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an audit view as JSON", e);
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_log holds invalid JSON", e);
        }
    }
}
