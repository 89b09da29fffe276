package vn.canhbao.ingest;

/** Ingest could not start or stop: a fatal, operator-facing error naming what failed. */
public final class IngestException extends RuntimeException {
    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
