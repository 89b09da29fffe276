package vn.canhbao.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. Besides the standard
 * members it carries {@code field} and {@code value}: which request field was at fault and what was
 * sent, so a client can point at the input to fix.
 *
 * @param type a URN naming the kind of problem
 * @param title short summary of the kind, Vietnamese first then English
 * @param status the HTTP status code
 * @param detail what went wrong with this request, in English, naming field and value
 * @param field the request field at fault, if any
 * @param value the rejected value as rendered in {@code detail}, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String field, String value) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
