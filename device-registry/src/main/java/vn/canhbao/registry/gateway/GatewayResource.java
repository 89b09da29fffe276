package vn.canhbao.registry.gateway;

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
}
