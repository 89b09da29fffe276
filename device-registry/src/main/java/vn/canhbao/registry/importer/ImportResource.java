package vn.canhbao.registry.importer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Bulk import. {@code POST /api/v1/import/sites} takes {@code text/csv} or {@code
 * application/geo+json}; {@code POST /api/v1/import/sensors} takes {@code text/csv}. With {@code
 * ?dryRun=true} the file is only validated. Answers 200 with the {@link ImportReport} when the file
 * is valid (applied unless a dry run), 422 with the report when any row has an issue (nothing
 * applied).
 */
@Path("/api/v1/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    private static final String CSV = "text/csv";
    private static final String GEOJSON = "application/geo+json";

    private final ImportService service;

    public ImportResource(ImportService service) {
        this.service = service;
    }

    @POST
    @Path("sites")
    @Consumes({CSV, GEOJSON, MediaType.APPLICATION_JSON})
    public Response sites(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            String body) {
        ParsedImport parsed =
                contentType != null && contentType.toLowerCase().startsWith(CSV)
                        ? CsvImporter.sites(body)
                        : GeoJsonImporter.sites(body);
        return answer(service.apply(parsed, dryRun));
    }

    @POST
    @Path("sensors")
    @Consumes(CSV)
    public Response sensors(
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, String body) {
        return answer(service.apply(CsvImporter.sensors(body), dryRun));
    }

    private static Response answer(ImportReport report) {
        return Response.status(report.issues().isEmpty() ? 200 : 422).entity(report).build();
    }
}
