package vn.canhbao.deploy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.canhbao.testsupport.PostgresServer;

/**
 * The PostgreSQL server the central services use: an embedded real PostgreSQL under the data
 * folder, or an existing server given by URL.
 */
final class Database implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String baseUrl;
    private final String user;
    private final String password;
    private final Optional<PostgresServer> embedded;

    private Database(
            String baseUrl, String user, String password, Optional<PostgresServer> embedded) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Database start(PlatformConfig config, Path dir) {
        if (config.postgresUrl().isPresent()) {
            return new Database(
                    config.postgresUrl().get(),
                    config.postgresUser(),
                    config.postgresPassword(),
                    Optional.empty());
        }
        PostgresServer server = PostgresServer.start(dir);
        return new Database(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/",
                server.user(),
                server.password(),
                Optional.of(server));
    }

    String jdbcUrl(String database) {
        return baseUrl + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String description() {
        return embedded.isPresent() ? "PostgreSQL embedded " + baseUrl : "PostgreSQL " + baseUrl;
    }

    /** Creates {@code name} unless it exists. */
    void createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "database: expected " + NAME + " (got \"" + name + "\")");
        }
        try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, password);
                PreparedStatement exists =
                        c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new PlatformException(
                    "PostgreSQL at "
                            + baseUrl
                            + ": cannot create database "
                            + name
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        embedded.ifPresent(PostgresServer::close);
    }
}
