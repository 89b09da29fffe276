package vn.canhbao.registry.site;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.ThresholdProvenance;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/**
 * SQL for the {@code sites} table. Every method runs on the caller's connection, inside the
 * caller's transaction. Writes bump {@code version}, which puts the site into the outbox.
 */
@ApplicationScoped
public class SiteRepository {

    private static final String COLUMNS =
            "id, name, commune, province, lat, lon, alarm1, alarm2, alarm3, "
                    + "historical, gauge_datum, provenance, version, published_version, updated_at, "
                    + "elevation_m, river, basin, landslide_susceptibility, hazards";

    /**
     * @throws RegistryException 409 when the id is taken
     */
    public void insert(Connection c, Site site) throws SQLException {
        String sql =
                "INSERT INTO sites (name, commune, province, lat, lon, alarm1, alarm2, alarm3, historical, "
                        + "gauge_datum, provenance, elevation_m, river, basin, landslide_susceptibility, hazards, id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, site);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.is(e, Jdbc.UNIQUE_VIOLATION)) {
                throw RegistryException.duplicate("site", site.id());
            }
            throw e;
        }
    }

    /** Replaces the site's fields and bumps its version; false when there is no such site. */
    public boolean update(Connection c, Site site) throws SQLException {
        String sql =
                "UPDATE sites SET name = ?, commune = ?, province = ?, lat = ?, lon = ?, alarm1 = ?, "
                        + "alarm2 = ?, alarm3 = ?, historical = ?, gauge_datum = ?, provenance = ?, "
                        + "elevation_m = ?, river = ?, basin = ?, landslide_susceptibility = ?, hazards = ?, "
                        + "version = version + 1, updated_at = now() WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, site);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Bumps the version of the site (locking its row until the transaction ends, which serialises
     * concurrent changes to one site); false when there is no such site.
     */
    public boolean bumpVersion(Connection c, SiteId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE sites SET version = version + 1, updated_at = now() WHERE id = ?")) {
            ps.setString(1, id.value());
            return ps.executeUpdate() == 1;
        }
    }

    /** Locks the site's row until the transaction ends; false when there is no such site. */
    public boolean lock(Connection c, SiteId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM sites WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Optional<StoredSite> find(Connection c, SiteId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM sites WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<StoredSite> list(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM sites ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<StoredSite> sites = new ArrayList<>();
            while (rs.next()) {
                sites.add(read(rs));
            }
            return sites;
        }
    }

    /** Sites whose latest version Kafka has not acknowledged yet: the outbox. */
    public List<SiteId> unpublished(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id FROM sites WHERE published_version < version ORDER BY updated_at, id");
                ResultSet rs = ps.executeQuery()) {
            List<SiteId> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(SiteId.of(rs.getString(1)));
            }
            return ids;
        }
    }

    /**
     * Records that Kafka acknowledged {@code version}; never moves {@code published_version} back.
     */
    public void markPublished(Connection c, SiteId id, long version) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE sites SET published_version = GREATEST(published_version, ?) WHERE id = ?")) {
            ps.setLong(1, version);
            ps.setString(2, id.value());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Site s) throws SQLException {
        ps.setString(1, s.name());
        ps.setString(2, s.commune());
        ps.setString(3, s.province());
        ps.setDouble(4, s.location().lat());
        ps.setDouble(5, s.location().lon());
        Optional<FloodThresholds> f = s.flood();
        setDouble(ps, 6, f.map(FloodThresholds::alarm1));
        setDouble(ps, 7, f.map(FloodThresholds::alarm2));
        setDouble(ps, 8, f.map(FloodThresholds::alarm3));
        setDouble(
                ps,
                9,
                f.flatMap(
                        t ->
                                t.historical().isPresent()
                                        ? Optional.of(t.historical().getAsDouble())
                                        : Optional.empty()));
        setDouble(ps, 10, f.map(FloodThresholds::gaugeDatum));
        ps.setString(11, f.map(t -> t.provenance().wireName()).orElse(null));
        SiteProfile p = s.profile();
        setDouble(
                ps,
                12,
                p.elevationMetres().isPresent()
                        ? Optional.of(p.elevationMetres().getAsDouble())
                        : Optional.empty());
        ps.setString(13, p.river().orElse(null));
        ps.setString(14, p.basin().orElse(null));
        ps.setString(15, p.landslide().map(LandslideSusceptibility::wireName).orElse(null));
        ps.setArray(
                16,
                ps.getConnection()
                        .createArrayOf(
                                "text", p.hazards().stream().map(Hazard::wireName).toArray()));
        ps.setString(17, s.id().value());
    }

    private static void setDouble(PreparedStatement ps, int index, Optional<Double> value)
            throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.get());
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }

    private static SiteProfile readProfile(ResultSet rs) throws SQLException {
        double e = rs.getDouble("elevation_m");
        OptionalDouble elevation = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(e);
        String landslide = rs.getString("landslide_susceptibility");
        List<Hazard> hazards = new ArrayList<>();
        for (String h : (String[]) rs.getArray("hazards").getArray()) {
            hazards.add(Hazard.fromWire(h));
        }
        return new SiteProfile(
                elevation,
                Optional.ofNullable(rs.getString("river")),
                Optional.ofNullable(rs.getString("basin")),
                landslide == null
                        ? Optional.empty()
                        : Optional.of(LandslideSusceptibility.fromWire(landslide, "landslide")),
                hazards);
    }

    private static StoredSite read(ResultSet rs) throws SQLException {
        Optional<FloodThresholds> flood = Optional.empty();
        if (rs.getObject("alarm1") != null) {
            double h = rs.getDouble("historical");
            OptionalDouble historical =
                    rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(h);
            flood =
                    Optional.of(
                            new FloodThresholds(
                                    rs.getDouble("alarm1"),
                                    rs.getDouble("alarm2"),
                                    rs.getDouble("alarm3"),
                                    historical,
                                    rs.getDouble("gauge_datum"),
                                    ThresholdProvenance.fromWire(rs.getString("provenance"))));
        }
        Site site =
                new Site(
                        SiteId.of(rs.getString("id")),
                        rs.getString("name"),
                        rs.getString("commune"),
                        rs.getString("province"),
                        new GeoPoint(rs.getDouble("lat"), rs.getDouble("lon")),
                        flood,
                        readProfile(rs));
        return new StoredSite(
                site,
                rs.getLong("version"),
                rs.getLong("published_version"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
