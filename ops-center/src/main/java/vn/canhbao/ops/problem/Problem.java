package vn.canhbao.ops.problem;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}).
 *
 * @param type {@code about:blank}: the HTTP status says it all
 * @param title the status phrase
 * @param status the HTTP status code
 * @param detail what was wrong, naming the field and value where there is one
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
