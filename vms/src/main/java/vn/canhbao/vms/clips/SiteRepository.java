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
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.vms.index.StorageException;

/**
 * The {@code site} table: the newest version of each site's configuration (older ones are ignored).
 */
@ApplicationScoped
public class SiteRepository {
    private final DataSource db;

    SiteRepository(DataSource db) {
        this.db = db;
    }

    /** Stores the configuration unless a newer version is held; returns true if stored. */
    public boolean apply(SiteConfig s) {
        String sql =
                """
                INSERT INTO site (id, version, name, lat, lon, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name,
                  lat = excluded.lat, lon = excluded.lon, updated_at = excluded.updated_at
                WHERE site.version <= excluded.version
                """;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.site().value());
            ps.setLong(2, s.version());
            ps.setString(3, s.name());
            ps.setDouble(4, s.location().lat());
            ps.setDouble(5, s.location().lon());
            ps.setObject(6, OffsetDateTime.ofInstant(s.updatedAt(), ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("cannot store site " + s.site(), e);
        }
    }

    public Optional<GeoPoint> location(SiteId site) {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT lat, lon FROM site WHERE id = ?")) {
            ps.setString(1, site.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new GeoPoint(rs.getDouble(1), rs.getDouble(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read site " + site, e);
        }
    }
}
