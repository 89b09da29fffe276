package vn.canhbao.registry.pending;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

/** SQL for the {@code pending_sensors} table, on the caller's connection and transaction. */
@ApplicationScoped
public class PendingSensorRepository {
    private static final String SELECT =
            "SELECT p.gateway_id, p.sensor_id, p.quantity, p.first_seen, p.last_seen, p.readings,"
                    + " p.status, p.decided_by, p.decided_at, p.reason,"
                    + " EXISTS (SELECT 1 FROM gateways g WHERE g.id = p.gateway_id)"
                    + " FROM pending_sensors p ";

    /**
     * Inserts or merges one report: the seen interval widens, the count rises to the highest
     * reported, the quantity follows the newest report while still pending; the status and the
     * decision are never touched. Idempotent: applying the same report twice leaves one row as
     * applying it once does.
     *
     * @return false when the sensor is already registered (nothing stored)
     */
    boolean upsert(Connection c, PendingSensor p) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM sensors WHERE id = ? AND gateway_id = ?")) {
            ps.setString(1, p.sensor().value());
            ps.setString(2, p.gateway().value());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO pending_sensors (gateway_id, sensor_id, quantity, first_seen,"
                                + " last_seen, readings) VALUES (?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (gateway_id, sensor_id) DO UPDATE SET"
                                + " first_seen = LEAST(pending_sensors.first_seen,"
                                + " EXCLUDED.first_seen),"
                                + " last_seen = GREATEST(pending_sensors.last_seen,"
                                + " EXCLUDED.last_seen),"
                                + " readings = GREATEST(pending_sensors.readings,"
                                + " EXCLUDED.readings),"
                                + " quantity = CASE WHEN pending_sensors.status = 'pending'"
                                + " AND EXCLUDED.last_seen >= pending_sensors.last_seen"
                                + " THEN EXCLUDED.quantity ELSE pending_sensors.quantity END")) {
            ps.setString(1, p.gateway().value());
            ps.setString(2, p.sensor().value());
            ps.setString(3, p.quantity().wireName());
            ps.setTimestamp(4, Timestamp.from(p.firstSeen()));
            ps.setTimestamp(5, Timestamp.from(p.lastSeen()));
            ps.setLong(6, p.readings());
            ps.executeUpdate();
        }
        return true;
    }

    /** Pending sensors with the given status, optionally of one gateway, newest sighting first. */
    List<PendingSensorView> list(
            Connection c, String status, Optional<GatewayId> gateway, int limit)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        SELECT
                                + "WHERE p.status = ? AND (?::text IS NULL OR p.gateway_id = ?)"
                                + " ORDER BY p.last_seen DESC, p.gateway_id, p.sensor_id"
                                + " LIMIT ?")) {
            ps.setString(1, status);
            ps.setString(2, gateway.map(GatewayId::value).orElse(null));
            ps.setString(3, gateway.map(GatewayId::value).orElse(null));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<PendingSensorView> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(read(rs));
                }
                return all;
            }
        }
    }

    /** One row, locked for the rest of the transaction. */
    Optional<PendingSensorView> lock(Connection c, GatewayId gateway, SensorId sensor)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        SELECT + "WHERE p.gateway_id = ? AND p.sensor_id = ? FOR UPDATE OF p")) {
            ps.setString(1, gateway.value());
            ps.setString(2, sensor.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    void decide(
            Connection c,
            GatewayId gateway,
            SensorId sensor,
            String status,
            String actor,
            Optional<String> reason)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE pending_sensors SET status = ?, decided_by = ?, decided_at = now(),"
                                + " reason = ? WHERE gateway_id = ? AND sensor_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, actor);
            ps.setString(3, reason.orElse(null));
            ps.setString(4, gateway.value());
            ps.setString(5, sensor.value());
            ps.executeUpdate();
        }
    }

    private static PendingSensorView read(ResultSet rs) throws SQLException {
        String quantity = rs.getString(3);
        Timestamp decided = rs.getTimestamp(9);
        return new PendingSensorView(
                rs.getString(1),
                rs.getString(2),
                quantity,
                Quantity.parse(quantity, "quantity").unit(),
                rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                decided == null ? null : decided.toInstant(),
                rs.getString(10),
                rs.getBoolean(11));
    }
}
