package vn.canhbao.registry.publish;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;

/**
 * {@code GET /api/v1/sites/{id}/config}: the site's current contracts {@link SiteConfig}, encoded
 * by {@link SiteConfig#CODEC} exactly as it is published on {@code cb.site-config.v1}.
 */
@Path("/api/v1/sites/{id}/config")
public class SiteConfigResource {
    private final SiteConfigReader reader;

    public SiteConfigResource(SiteConfigReader reader) {
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        SiteId siteId = Fields.parse(id, "id", SiteId::of);
        SiteConfig config =
                reader.load(siteId).orElseThrow(() -> RegistryException.notFound("site", siteId));
        return Response.ok(SiteConfig.CODEC.encodeToString(config), MediaType.APPLICATION_JSON)
                .build();
    }
}
