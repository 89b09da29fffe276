package vn.canhbao.ops.problem;

import java.util.Objects;

/**
 * A request that cannot be served, rendered as an RFC 9457 problem detail. The detail names the
 * field and the value at fault when there is one.
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String field, Object value, String expected) {
        return new ProblemException(
                400, "Bad Request", field + ": " + expected + " (got " + value + ")");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
