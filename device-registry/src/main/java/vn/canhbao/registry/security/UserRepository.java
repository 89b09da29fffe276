package vn.canhbao.registry.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/** SQL for the {@code users} table, on the caller's connection and transaction. */
@ApplicationScoped
public class UserRepository {

    /** A stored user; the hash never leaves the security package. */
    record StoredUser(String username, String passwordHash, Role role) {}

    Optional<StoredUser> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT password_hash, role FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new StoredUser(
                                        username,
                                        rs.getString(1),
                                        Role.fromWire(rs.getString(2), "role")))
                        : Optional.empty();
            }
        }
    }

    /**
     * @throws RegistryException 409 when the user name is taken
     */
    void insert(Connection c, String username, String passwordHash, Role role) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.wireName());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (Jdbc.is(e, Jdbc.UNIQUE_VIOLATION)) {
                throw RegistryException.duplicate("user", username);
            }
            throw e;
        }
    }
}
