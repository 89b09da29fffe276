package vn.canhbao.registry.site;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** {@code /api/v1/sites}: a thin adapter over {@link SiteService}. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {
    private final SiteService service;

    public SiteResource(SiteService service) {
        this.service = service;
    }

    @POST
    public Response create(SiteBody body) {
        SiteView created = service.create(body);
        return Response.created(
                        UriBuilder.fromResource(SiteResource.class).path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    public List<SiteView> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    public SiteView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @PUT
    @Path("{id}")
    public SiteView replace(@PathParam("id") String id, SiteBody body) {
        return service.replace(id, body);
    }
}
