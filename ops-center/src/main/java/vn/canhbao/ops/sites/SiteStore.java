package vn.canhbao.ops.sites;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.ops.alerts.StoreException;

/**
 * Sites in PostgreSQL: a higher {@link SiteConfig#version()} replaces a lower one, never the
 * reverse.
 */
@ApplicationScoped
public class SiteStore {
    private final AgroalDataSource dataSource;

    public SiteStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the site if it is new or its version is higher than the stored one, in the caller's
     * transaction.
     *
     * @return true if stored, false if an equal or newer version was already there
     */
    public boolean apply(Connection c, SiteConfig site) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                insert into sites (site_id, version, name, commune, province, lat, lon, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (site_id) do update set
                    version = excluded.version, name = excluded.name, commune = excluded.commune,
                    province = excluded.province, lat = excluded.lat, lon = excluded.lon, updated_at = excluded.updated_at
                where sites.version < excluded.version
                """)) {
            ps.setString(1, site.site().value());
            ps.setLong(2, site.version());
            ps.setString(3, site.name());
            ps.setString(4, site.commune());
            ps.setString(5, site.province());
            ps.setDouble(6, site.location().lat());
            ps.setDouble(7, site.location().lon());
            ps.setObject(8, site.updatedAt().atOffset(ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        }
    }

    /** Forgets a site (a tombstone on the compacted topic). */
    public boolean delete(Connection c, SiteId site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from sites where site_id = ?")) {
            ps.setString(1, site.value());
            return ps.executeUpdate() == 1;
        }
    }

    public List<SiteView> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "select site_id, version, name, commune, province, lat, lon, updated_at from sites order by site_id");
                ResultSet rs = ps.executeQuery()) {
            List<SiteView> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new SiteView(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getDouble(6),
                                rs.getDouble(7),
                                rs.getObject(8, OffsetDateTime.class).toInstant()));
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot list sites", ex);
        }
    }
}
