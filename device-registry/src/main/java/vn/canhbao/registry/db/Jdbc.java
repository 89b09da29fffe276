package vn.canhbao.registry.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs plain JDBC work in one database transaction on the Agroal pool. A {@link SQLException} that
 * the work does not translate itself becomes a {@link RegistryStorageException}.
 */
@ApplicationScoped
public class Jdbc {

    /** SQLSTATE of a unique (primary key) violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** SQLSTATE of a foreign key violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    /** Database work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in a read-committed transaction, committing when it returns normally. */
    public <T> T inTransaction(Work<T> work) {
        return run(Connection.TRANSACTION_READ_COMMITTED, false, work);
    }

    /** Runs read-only {@code work} on one consistent snapshot (repeatable read). */
    public <T> T inSnapshot(Work<T> work) {
        return run(Connection.TRANSACTION_REPEATABLE_READ, true, work);
    }

    /**
     * Runs read-only {@code work} of a single statement in auto-commit mode: one round trip, no
     * transaction bookkeeping (the hot path of point reads such as a sensor by id).
     */
    public <T> T readOne(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new RegistryStorageException(e);
        }
    }

    private <T> T run(int isolation, boolean readOnly, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            c.setReadOnly(readOnly);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new RegistryStorageException(e);
        }
    }

    /** True when {@code e} is a constraint violation with the given SQLSTATE. */
    public static boolean is(SQLException e, String sqlState) {
        return sqlState.equals(e.getSQLState());
    }
}
