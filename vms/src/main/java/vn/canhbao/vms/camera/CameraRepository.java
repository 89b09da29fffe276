package vn.canhbao.vms.camera;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.vms.index.StorageException;

/** The {@code camera} table. Each call is its own transaction (auto-commit). */
@ApplicationScoped
public class CameraRepository {
    private final DataSource db;

    CameraRepository(DataSource db) {
        this.db = db;
    }

    /** Inserts the camera or replaces the stored one with the same id. */
    public void upsert(Camera camera) {
        String sql =
                """
                INSERT INTO camera (id, name, site_id, lat, lon, source_url, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, site_id = excluded.site_id,
                  lat = excluded.lat, lon = excluded.lon, source_url = excluded.source_url, updated_at = now()
                """;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, camera.id().value());
            ps.setString(2, camera.name());
            ps.setString(3, camera.site().map(SiteId::value).orElse(null));
            ps.setDouble(4, camera.location().lat());
            ps.setDouble(5, camera.location().lon());
            ps.setString(6, camera.sourceUrl().orElse(null));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store camera " + camera.id(), e);
        }
    }

    public List<Camera> findAll() {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, name, site_id, lat, lon, source_url FROM camera ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Camera> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new Camera(
                                CameraId.of(rs.getString(1)),
                                rs.getString(2),
                                Optional.ofNullable(rs.getString(3)).map(SiteId::of),
                                new GeoPoint(rs.getDouble(4), rs.getDouble(5)),
                                Optional.ofNullable(rs.getString(6))));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read cameras", e);
        }
    }
}
