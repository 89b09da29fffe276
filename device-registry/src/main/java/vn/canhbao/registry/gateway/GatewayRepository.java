package vn.canhbao.registry.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/** SQL for the {@code gateways} table, on the caller's connection and transaction. */
@ApplicationScoped
public class GatewayRepository {

    /**
     * @throws RegistryException 409 when the id is taken, 400 when the site does not exist
     */
    public void insert(Connection c, Gateway g) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO gateways (id, site_id, name) VALUES (?, ?, ?)")) {
            ps.setString(1, g.id().value());
            ps.setString(2, g.site().value());
            ps.setString(3, g.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.is(e, Jdbc.UNIQUE_VIOLATION)) {
                throw RegistryException.duplicate("gateway", g.id());
            }
            if (Jdbc.is(e, Jdbc.FOREIGN_KEY_VIOLATION)) {
                throw RegistryException.unknownReference("siteId", "site", g.site());
            }
            throw e;
        }
    }

    public Optional<GatewayView> find(Connection c, GatewayId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT id, site_id, name, created_at FROM gateways WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new GatewayView(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
            }
        }
    }

    /** The site a gateway belongs to. */
    public Optional<SiteId> siteOf(Connection c, GatewayId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT site_id FROM gateways WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SiteId.of(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
