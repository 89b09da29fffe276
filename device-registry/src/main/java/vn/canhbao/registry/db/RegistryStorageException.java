package vn.canhbao.registry.db;

import java.sql.SQLException;

/** The database failed (unreachable, broken schema): a server error, possibly transient. */
public class RegistryStorageException extends RuntimeException {
    public RegistryStorageException(SQLException cause) {
        super("database: " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }
}
