package vn.canhbao.vms.clips;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.vms.index.StorageException;

/**
 * The {@code alert} table. {@link #apply} is idempotent: a repeated or older revision
 * (at-least-once delivery) leaves the row as it is.
 */
@ApplicationScoped
public class AlertRepository {
    private final DataSource db;

    AlertRepository(DataSource db) {
        this.db = db;
    }

    /** Stores the transition if it is newer than the one held; returns true if it was. */
    public boolean apply(AlertEvent e) {
        String sql =
                """
                INSERT INTO alert (id, site_id, hazard, episode_start, last_revision, last_state, last_level, last_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET last_revision = excluded.last_revision, last_state = excluded.last_state,
                  last_level = excluded.last_level, last_time = excluded.last_time
                WHERE alert.last_revision < excluded.last_revision
                """;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.alertId());
            ps.setString(2, e.site().value());
            ps.setString(3, e.hazard().wireName());
            ps.setObject(4, OffsetDateTime.ofInstant(e.episodeStart(), ZoneOffset.UTC));
            ps.setInt(5, e.revision());
            ps.setString(6, e.state().wireName());
            ps.setInt(7, e.level().number());
            ps.setObject(8, OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new StorageException("cannot store alert " + e.alertId(), ex);
        }
    }

    public Optional<AlertEpisode> find(String alertId) {
        String sql =
                "SELECT id, site_id, episode_start, last_time, last_revision FROM alert WHERE id = ?";
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new AlertEpisode(
                                rs.getString(1),
                                SiteId.of(rs.getString(2)),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                rs.getInt(5)));
            }
        } catch (SQLException ex) {
            throw new StorageException("cannot read alert " + alertId, ex);
        }
    }
}
