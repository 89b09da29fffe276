package vn.canhbao.deploy;

/** The local platform could not start or run a component; the message names it and what to do. */
public final class PlatformException extends RuntimeException {
    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
