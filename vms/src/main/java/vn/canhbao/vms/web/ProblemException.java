package vn.canhbao.vms.web;

/** A request that cannot be served, carrying its HTTP status; rendered as an RFC 9457 problem. */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;

    private ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(
                404, "urn:canhbao:problem:not-found", "Không tìm thấy / Not found", detail);
    }

    /** Bad input: {@code detail} names the field and the value. */
    public static ProblemException badRequest(String field, Object value, String expected) {
        return new ProblemException(
                400,
                "urn:canhbao:problem:invalid-parameter",
                "Tham số không hợp lệ / Invalid parameter",
                field + " = '" + value + "': " + expected);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
