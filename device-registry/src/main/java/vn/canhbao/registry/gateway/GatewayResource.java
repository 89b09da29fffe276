package vn.canhbao.registry.gateway;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** {@code /api/v1/gateways}: a thin adapter over {@link GatewayService}. */
@Path("/api/v1/gateways")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GatewayResource {
    private final GatewayService service;

    public GatewayResource(GatewayService service) {
        this.service = service;
    }

    @POST
    public Response create(GatewayBody body) {
        GatewayView created = service.create(body);
        return Response.created(
                        UriBuilder.fromResource(GatewayResource.class).path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    public GatewayView get(@PathParam("id") String id) {
        return service.get(id);
    }

    // Issue 5 hooks: the per-gateway provisioning and distribution endpoints live under this
    // class's path (JAX-RS does not merge overlapping class paths), served by their own packages.

    @Inject vn.canhbao.registry.provisioning.ProvisioningResource provisioning;
    @Inject vn.canhbao.registry.distribution.GatewayConfigResource distribution;

    /** A new one-time claim code (and its QR code); withdraws the gateway's older unused ones. */
    @POST
    @Path("{id}/claim-code")
    @Consumes(MediaType.WILDCARD)
    public Response newClaimCode(@PathParam("id") String id) {
        return provisioning.newClaimCode(id);
    }

    /** Revokes the gateway's certificates (decommissioned or stolen) and rewrites the CRL. */
    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    public vn.canhbao.registry.provisioning.RevocationView revoke(
            @PathParam("id") String id, vn.canhbao.registry.provisioning.RevokeBody body) {
        return provisioning.revoke(id, body);
    }

    /** The gateway's configuration message, as retained on its MQTT config topic. */
    @GET
    @Path("{id}/config")
    public com.fasterxml.jackson.databind.JsonNode config(@PathParam("id") String id) {
        return distribution.config(id);
    }

    /** Published config version and the gateway's acknowledgements. */
    @GET
    @Path("{id}/config-status")
    public vn.canhbao.registry.distribution.GatewayConfigStatus configStatus(
            @PathParam("id") String id) {
        return distribution.status(id);
    }
}
