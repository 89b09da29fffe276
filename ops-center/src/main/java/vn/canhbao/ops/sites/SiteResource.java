package vn.canhbao.ops.sites;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sites known from {@code cb.site-config.v1}, for the console's position plot. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sites")
public class SiteResource {
    private final SiteStore sites;

    public SiteResource(SiteStore sites) {
        this.sites = sites;
    }

    @GET
    @Operation(summary = "All known sites with name, commune, province and position")
    public List<SiteView> list() {
        return sites.list();
    }
}
