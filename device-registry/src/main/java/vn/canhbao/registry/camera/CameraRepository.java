package vn.canhbao.registry.camera;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/** SQL for the {@code cameras} table, on the caller's connection and transaction. */
@ApplicationScoped
public class CameraRepository {
    private static final String SELECT =
            "SELECT id, site_id, name, rtsp_url, credentials_cipher IS NOT NULL, created_at FROM cameras ";

    /**
     * @throws RegistryException 409 when the id is taken, 400 when the site does not exist
     */
    void insert(Connection c, CameraBody.Camera camera, byte[] credentialsCipher)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO cameras (id, site_id, name, rtsp_url, credentials_cipher) "
                                + "VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, camera.id().value());
            ps.setString(2, camera.site().value());
            ps.setString(3, camera.name());
            ps.setString(4, camera.rtspUrl().toString());
            ps.setBytes(5, credentialsCipher);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.is(e, Jdbc.UNIQUE_VIOLATION)) {
                throw RegistryException.duplicate("camera", camera.id());
            }
            if (Jdbc.is(e, Jdbc.FOREIGN_KEY_VIOLATION)) {
                throw RegistryException.unknownReference("siteId", "site", camera.site());
            }
            throw e;
        }
    }

    Optional<CameraView> find(Connection c, CameraId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    List<CameraView> ofSite(Connection c, SiteId site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE site_id = ? ORDER BY id")) {
            ps.setString(1, site.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<CameraView> cameras = new ArrayList<>();
                while (rs.next()) {
                    cameras.add(read(rs));
                }
                return cameras;
            }
        }
    }

    Optional<byte[]> credentialsCipher(Connection c, CameraId id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT credentials_cipher FROM cameras WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static CameraView read(ResultSet rs) throws SQLException {
        return new CameraView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getTimestamp(6).toInstant());
    }
}
