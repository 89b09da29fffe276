package vn.canhbao.registry.camera;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/cameras}: a thin adapter over {@link CameraService}. */
@Path("/api/v1/cameras")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CameraResource {
    private final CameraService service;

    public CameraResource(CameraService service) {
        this.service = service;
    }

    @POST
    public Response create(CameraBody body) {
        CameraView created = service.create(body);
        return Response.created(
                        UriBuilder.fromResource(CameraResource.class).path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    public List<CameraView> ofSite(@QueryParam("siteId") String siteId) {
        return service.ofSite(siteId);
    }

    @GET
    @Path("{id}")
    public CameraView get(@PathParam("id") String id) {
        return service.get(id);
    }
}
