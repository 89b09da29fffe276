package vn.canhbao.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server (the zonky embedded binaries: no installation needed) on a free
 * loopback port, its data in its own folder. Superuser {@code postgres}, trust authentication on
 * loopback.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /**
     * Starts PostgreSQL with its data under {@code dir}; data already there is kept (the local
     * runner restarts on the same folder).
     *
     * @throws ComponentUnavailable when the server does not start
     */
    public static PostgresServer start(Path dir) {
        return start(dir, FreePorts.next());
    }

    public static PostgresServer start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dir.resolve("data"))
                            .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            .setServerConfig("max_connections", "200")
                            .setServerConfig("fsync", "on")
                            // zonky turns synchronous commit off for speed; a committed alert must
                            // survive a crash.
                            .setServerConfig("synchronous_commit", "on")
                            .start();
            return new PostgresServer(pg);
        } catch (IOException | RuntimeException e) {
            throw new ComponentUnavailable(
                    "PostgreSQL: the embedded server did not start in " + dir, e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!DB_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database name must match " + DB_NAME + ", got " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new ComponentUnavailable("PostgreSQL: cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new ComponentUnavailable("PostgreSQL: stopping the embedded server failed", e);
        }
    }
}
