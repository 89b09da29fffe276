package vn.canhbao.vms.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import vn.canhbao.contracts.ContractViolation;

/** Renders {@link ProblemException} and {@link ContractViolation} as RFC 9457 problems. */
public final class ProblemMapper {
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemMapper() {}

    static Response render(ProblemException e, UriInfo uri) {
        Problem body =
                new Problem(
                        e.type(),
                        e.title(),
                        e.status(),
                        e.getMessage(),
                        uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""));
        return Response.status(e.status()).type(PROBLEM_JSON).entity(body).build();
    }

    @Provider
    public static final class ForProblem implements ExceptionMapper<ProblemException> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(ProblemException e) {
            return render(e, uri);
        }
    }

    @Provider
    public static final class ForContractViolation implements ExceptionMapper<ContractViolation> {
        @Context UriInfo uri;

        @Override
        public Response toResponse(ContractViolation e) {
            return render(ProblemException.badRequest(e.field(), e.value(), e.reason()), uri);
        }
    }
}
