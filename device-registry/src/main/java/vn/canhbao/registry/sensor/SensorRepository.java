package vn.canhbao.registry.sensor;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/** SQL for the {@code sensors} table, on the caller's connection and transaction. */
@ApplicationScoped
public class SensorRepository {

    private static final String SELECT =
            "SELECT s.id, s.gateway_id, s.quantity, s.scale, s.value_offset, "
                    + "s.expected_interval_seconds, g.site_id, s.kind FROM sensors s JOIN gateways g ON g.id = s.gateway_id ";

    /**
     * @throws RegistryException 409 when the id is taken, 400 when the gateway does not exist
     */
    public void insert(Connection c, SensorConfig s, Optional<String> kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, s, kind);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.is(e, Jdbc.UNIQUE_VIOLATION)) {
                throw RegistryException.duplicate("sensor", s.sensor());
            }
            if (Jdbc.is(e, Jdbc.FOREIGN_KEY_VIOLATION)) {
                throw RegistryException.unknownReference("gatewayId", "gateway", s.gateway());
            }
            throw e;
        }
    }

    private static final String INSERT =
            "INSERT INTO sensors (id, gateway_id, quantity, scale, value_offset, expected_interval_seconds, kind) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)";

    /**
     * Inserts many sensors in JDBC batches; the caller has checked ids and gateways beforehand (a
     * violation still fails the whole transaction).
     */
    public void insertAll(Connection c, List<SensorConfig> all, List<Optional<String>> kinds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < all.size(); i++) {
                bind(ps, all.get(i), kinds.get(i));
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, SensorConfig s, Optional<String> kind)
            throws SQLException {
        ps.setString(1, s.sensor().value());
        ps.setString(2, s.gateway().value());
        ps.setString(3, s.quantity().wireName());
        ps.setDouble(4, s.scale());
        ps.setDouble(5, s.offset());
        ps.setLong(6, s.expectedInterval().toSeconds());
        ps.setString(7, kind.orElse(null));
    }

    public Optional<SensorView> find(Connection c, SensorId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE s.id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(SensorView.of(read(rs), rs.getString(7), rs.getString(8)))
                        : Optional.empty();
            }
        }
    }

    /** All sensors of all gateways of a site, ordered by sensor id. */
    public List<SensorConfig> ofSite(Connection c, SiteId site) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(SELECT + "WHERE g.site_id = ? ORDER BY s.id")) {
            ps.setString(1, site.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<SensorConfig> sensors = new ArrayList<>();
                while (rs.next()) {
                    sensors.add(read(rs));
                }
                return sensors;
            }
        }
    }

    private static SensorConfig read(ResultSet rs) throws SQLException {
        return new SensorConfig(
                SensorId.of(rs.getString(1)),
                GatewayId.of(rs.getString(2)),
                Quantity.parse(rs.getString(3), "quantity"),
                rs.getDouble(4),
                rs.getDouble(5),
                Duration.ofSeconds(rs.getLong(6)));
    }
}
