package vn.canhbao.registry.pending;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import vn.canhbao.registry.sensor.SensorResource;
import vn.canhbao.registry.sensor.SensorView;

/**
 * {@code /api/v1/pending-sensors}: sensors ingest saw that the registry does not know. Technician
 * and admin only (see {@code AuthFilter}), reads included.
 */
@Path("/api/v1/pending-sensors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PendingSensorResource {
    private final PendingSensorService service;

    public PendingSensorResource(PendingSensorService service) {
        this.service = service;
    }

    /** Newest sighting first; {@code status} defaults to {@code pending}. */
    @GET
    public List<PendingSensorView> list(
            @QueryParam("status") String status,
            @QueryParam("gatewayId") String gatewayId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return service.list(status, gatewayId, limit);
    }

    /**
     * Registers the sensor on its gateway's site: 201 with the sensor, as {@code POST /sensors}.
     */
    @POST
    @Path("{gatewayId}/{sensorId}/approve")
    public Response approve(
            @PathParam("gatewayId") String gatewayId,
            @PathParam("sensorId") String sensorId,
            ApproveBody body) {
        SensorView created = service.approve(gatewayId, sensorId, body);
        return Response.created(
                        UriBuilder.fromResource(SensorResource.class).path(created.id()).build())
                .entity(created)
                .build();
    }

    /** Ignores the sensor; it leaves the pending list. */
    @POST
    @Path("{gatewayId}/{sensorId}/reject")
    @Consumes(MediaType.WILDCARD)
    public PendingSensorView reject(
            @PathParam("gatewayId") String gatewayId,
            @PathParam("sensorId") String sensorId,
            RejectBody body) {
        return service.reject(gatewayId, sensorId, body);
    }
}
