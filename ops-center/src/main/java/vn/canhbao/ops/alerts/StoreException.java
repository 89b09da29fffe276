package vn.canhbao.ops.alerts;

/** The database failed; retriable once it is back. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
