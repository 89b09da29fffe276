package vn.canhbao.registry.provisioning;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Claim codes, claims and revocation: a thin adapter over {@link ProvisioningService}. */
@Path("/api/v1/provisioning")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProvisioningResource {
    private final ProvisioningService service;

    public ProvisioningResource(ProvisioningService service) {
        this.service = service;
    }

    /** A new one-time claim code (and its QR code) for a gateway; withdraws older unused ones. */
    /** Served as {@code POST /api/v1/gateways/{id}/claim-code} (see {@code GatewayResource}). */
    public Response newClaimCode(String id) {
        return Response.status(201).entity(service.newClaimCode(id)).build();
    }

    /** A gateway's agent exchanges its claim code and CSR for a certificate and its config. */
    @POST
    @Path("claim")
    public ClaimResult claim(ClaimBody body) {
        return service.claim(body);
    }

    /** Revokes the gateway's certificates (decommissioned or stolen) and rewrites the CRL. */
    /** Served as {@code POST /api/v1/gateways/{id}/revoke} (see {@code GatewayResource}). */
    public RevocationView revoke(String id, RevokeBody body) {
        return service.revoke(id, body);
    }
}
