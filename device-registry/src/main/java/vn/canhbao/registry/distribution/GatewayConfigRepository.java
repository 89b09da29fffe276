package vn.canhbao.registry.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;

/** SQL for {@code gateway_config_published} and {@code gateway_config_acks}. */
@ApplicationScoped
public class GatewayConfigRepository {

    /** Gateways whose retained config is older than their site's version. */
    public List<GatewayId> outdated(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT g.id FROM gateways g JOIN sites s ON s.id = g.site_id"
                                        + " LEFT JOIN gateway_config_published p ON p.gateway_id"
                                        + " = g.id WHERE p.version IS NULL OR p.version <"
                                        + " s.version ORDER BY g.id");
                ResultSet rs = ps.executeQuery()) {
            List<GatewayId> list = new ArrayList<>();
            while (rs.next()) {
                list.add(GatewayId.of(rs.getString(1)));
            }
            return list;
        }
    }

    public void markPublished(Connection c, GatewayId gateway, long version) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO gateway_config_published (gateway_id, version) VALUES (?, ?)"
                                + " ON CONFLICT (gateway_id) DO UPDATE SET version ="
                                + " GREATEST(gateway_config_published.version, EXCLUDED.version),"
                                + " published_at = now()")) {
            ps.setString(1, gateway.value());
            ps.setLong(2, version);
            ps.executeUpdate();
        }
    }

    /**
     * @return false when the gateway does not exist
     */
    public boolean insertAck(Connection c, GatewayId gateway, ConfigAck ack) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO gateway_config_acks (gateway_id, version, accepted, reason,"
                                + " received_at) SELECT id, ?, ?, ?, ? FROM gateways WHERE id = ?")) {
            ps.setLong(1, ack.version());
            ps.setBoolean(2, ack.accepted());
            ps.setString(3, ack.reason());
            ps.setTimestamp(4, Timestamp.from(ack.receivedAt()));
            ps.setString(5, gateway.value());
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<GatewayConfigStatus> status(Connection c, GatewayId gateway)
            throws SQLException {
        long current;
        long published = 0;
        Instant publishedAt = null;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT s.version, p.version, p.published_at FROM gateways g JOIN sites s"
                                + " ON s.id = g.site_id LEFT JOIN gateway_config_published p ON"
                                + " p.gateway_id = g.id WHERE g.id = ?")) {
            ps.setString(1, gateway.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                current = rs.getLong(1);
                if (rs.getTimestamp(3) != null) {
                    published = rs.getLong(2);
                    publishedAt = rs.getTimestamp(3).toInstant();
                }
            }
        }
        List<ConfigAck> acks = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT version, accepted, reason, received_at FROM gateway_config_acks"
                                + " WHERE gateway_id = ? ORDER BY id DESC LIMIT 20")) {
            ps.setString(1, gateway.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    acks.add(
                            new ConfigAck(
                                    rs.getLong(1),
                                    rs.getBoolean(2),
                                    rs.getString(3),
                                    rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return Optional.of(
                new GatewayConfigStatus(
                        gateway.value(),
                        current,
                        published,
                        publishedAt,
                        acks.isEmpty() ? null : acks.get(0),
                        acks));
    }
}
