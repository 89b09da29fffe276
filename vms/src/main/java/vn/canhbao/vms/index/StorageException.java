package vn.canhbao.vms.index;

/** The database refused or failed a read or write; retriable once the database is back. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
