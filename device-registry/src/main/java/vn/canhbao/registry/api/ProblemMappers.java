package vn.canhbao.registry.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.canhbao.contracts.ContractViolation;

/**
 * Turns the registry's errors into RFC 9457 problem details. Logs nothing: these are client errors.
 */
public class ProblemMappers {

    public static final String INVALID_FIELD = "urn:canhbao:problem:invalid-field";
    private static final String INVALID_TITLE = "Dữ liệu không hợp lệ / Invalid field";

    @ServerExceptionMapper
    public Response contractViolation(ContractViolation e) {
        return invalid(e).toResponse();
    }

    @ServerExceptionMapper
    public Response registry(RegistryException e) {
        return e.toProblem().toResponse();
    }

    // Quarkus has built-in mappers for these Jackson subtypes (empty 400s); ours take precedence.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return unreadableJson(e);
    }

    /**
     * Other JAX-RS errors (unknown path, wrong method or media type, and malformed JSON, which
     * Quarkus wraps in a 400) also become problem details.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return new Problem("about:blank", title, status, e.getMessage(), null, null).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            for (Throwable t = m; t != null; t = t.getCause()) {
                if (t instanceof ContractViolation cv) {
                    return invalid(cv).toResponse();
                }
            }
            String field = path(m);
            return new Problem(
                            INVALID_FIELD,
                            INVALID_TITLE,
                            400,
                            field + ": " + firstLine(e.getOriginalMessage()),
                            field,
                            null)
                    .toResponse();
        }
        return new Problem(
                        INVALID_FIELD,
                        INVALID_TITLE,
                        400,
                        "body: not valid JSON: " + firstLine(e.getOriginalMessage()),
                        "body",
                        null)
                .toResponse();
    }

    static Problem invalid(ContractViolation e) {
        return new Problem(INVALID_FIELD, INVALID_TITLE, 400, e.getMessage(), e.field(), e.value());
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
