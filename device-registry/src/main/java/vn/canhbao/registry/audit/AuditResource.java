package vn.canhbao.registry.audit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.db.Jdbc;

/** {@code GET /api/v1/audit?entityType=site&entityId=nam-cang&limit=100}: newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int MAX_LIMIT = 1000;
    private final Jdbc jdbc;
    private final AuditLog audit;

    public AuditResource(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GET
    public List<AuditEntry> list(
            @QueryParam("entityType") String entityType,
            @QueryParam("entityId") String entityId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ContractViolation("limit", limit, "expected 1 to " + MAX_LIMIT);
        }
        return jdbc.inSnapshot(
                c ->
                        audit.list(
                                c,
                                Optional.ofNullable(entityType),
                                Optional.ofNullable(entityId),
                                limit));
    }
}
