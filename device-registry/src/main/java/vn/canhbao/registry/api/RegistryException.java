package vn.canhbao.registry.api;

import java.util.Objects;

/**
 * A request the registry refuses, carrying the HTTP status and problem type it maps to. Permanent:
 * repeating the same request fails the same way.
 */
public class RegistryException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final String field;

    protected RegistryException(
            int status, String type, String title, String field, String detail) {
        super(detail);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.field = field;
    }

    /** 404: the id in the path names nothing. */
    public static RegistryException notFound(String kind, Object id) {
        return new RegistryException(
                404,
                "urn:canhbao:problem:not-found",
                "Không tìm thấy / Not found",
                "id",
                kind + " " + id + " does not exist");
    }

    /** 409: a resource with this id already exists. */
    public static RegistryException duplicate(String kind, Object id) {
        return new RegistryException(
                409,
                "urn:canhbao:problem:duplicate-id",
                "Mã đã tồn tại / Duplicate id",
                "id",
                kind + " " + id + " already exists");
    }

    /** 409: the resource is in a state that does not allow the change. */
    public static RegistryException conflict(String field, String detail) {
        return new RegistryException(
                409,
                "urn:canhbao:problem:conflict",
                "Xung đột trạng thái / Conflict",
                field,
                detail);
    }

    /** 400: a field refers to a resource that does not exist. */
    public static RegistryException unknownReference(String field, String kind, Object id) {
        return new RegistryException(
                400,
                "urn:canhbao:problem:unknown-reference",
                "Tham chiếu không tồn tại / Unknown reference",
                field,
                field + ": " + kind + " " + id + " does not exist");
    }

    public Problem toProblem() {
        return new Problem(type, title, status, getMessage(), field, null);
    }

    public int status() {
        return status;
    }
}
