package vn.canhbao.testsupport;

/**
 * A real component needed by a test or by the local runner is missing or failed to start. The
 * message names the component and how to get it.
 */
public final class ComponentUnavailable extends RuntimeException {
    public ComponentUnavailable(String message) {
        super(message);
    }

    public ComponentUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
