package vn.canhbao.registry.sensor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** {@code /api/v1/sensors}: a thin adapter over {@link SensorService}. */
@Path("/api/v1/sensors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SensorResource {
    private final SensorService service;

    public SensorResource(SensorService service) {
        this.service = service;
    }

    @POST
    public Response create(SensorBody body) {
        SensorView created = service.create(body);
        return Response.created(
                        UriBuilder.fromResource(SensorResource.class).path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    public SensorView get(@PathParam("id") String id) {
        return service.get(id);
    }
}
