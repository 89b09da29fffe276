package vn.canhbao.vms.clips;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.vms.web.ProblemException;

/** Clip search: by alert, or by place and time. Errors are RFC 9457 problems. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClipResource {
    static final double MAX_RADIUS_KM = 500;
    static final long MAX_MINUTES = 24 * 60;

    private final ClipFinder finder;

    @Context UriInfo uri;

    ClipResource(ClipFinder finder) {
        this.finder = finder;
    }

    @GET
    @Path("/alerts/{alertId}/clips")
    public ClipSearch forAlert(
            @PathParam("alertId") String alertId,
            @QueryParam("radiusKm") @DefaultValue("5") String radiusKm,
            @QueryParam("beforeMinutes") @DefaultValue("10") String beforeMinutes,
            @QueryParam("afterMinutes") @DefaultValue("10") String afterMinutes) {
        return absolute(
                finder.forAlert(
                        alertId,
                        radius(radiusKm),
                        Duration.ofMinutes(minutes("beforeMinutes", beforeMinutes)),
                        Duration.ofMinutes(minutes("afterMinutes", afterMinutes))));
    }

    @GET
    @Path("/clips")
    public ClipSearch near(
            @QueryParam("lat") String lat,
            @QueryParam("lon") String lon,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("radiusKm") @DefaultValue("5") String radiusKm) {
        GeoPoint center = new GeoPoint(number("lat", lat), number("lon", lon));
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", to, "expected an instant after from " + from);
        }
        return absolute(finder.near(center, radius(radiusKm), new TimeWindow(start, end)));
    }

    /**
     * Media URLs as absolute links on this service, so the JSON can be opened from elsewhere (ops
     * console).
     */
    private ClipSearch absolute(ClipSearch search) {
        String base = uri.getBaseUri().toString().replaceFirst("/$", "");
        return new ClipSearch(
                search.alertId(),
                search.site(),
                search.center(),
                search.radiusKm(),
                search.from(),
                search.to(),
                search.clips().stream()
                        .map(
                                c ->
                                        new Clip(
                                                c.segmentId(),
                                                c.camera(),
                                                c.cameraName(),
                                                c.distanceKm(),
                                                c.start(),
                                                c.end(),
                                                c.bytes(),
                                                c.codec(),
                                                c.width(),
                                                c.height(),
                                                c.hasGapBefore(),
                                                base + c.mediaUrl()))
                        .toList());
    }

    private static double radius(String value) {
        double r = number("radiusKm", value);
        if (!(r > 0 && r <= MAX_RADIUS_KM)) {
            throw ProblemException.badRequest(
                    "radiusKm", value, "expected more than 0 and at most " + MAX_RADIUS_KM);
        }
        return r;
    }

    private static long minutes(String field, String value) {
        try {
            long m = Long.parseLong(value);
            if (m >= 0 && m <= MAX_MINUTES) {
                return m;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw ProblemException.badRequest(
                field, value, "expected whole minutes from 0 to " + MAX_MINUTES);
    }

    private static double number(String field, String value) {
        if (value == null) {
            throw ProblemException.badRequest(field, null, "expected a number");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, value, "expected a number");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            throw ProblemException.badRequest(
                    field, null, "expected an ISO-8601 UTC instant, e.g. 2026-11-22T01:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    field, value, "expected an ISO-8601 UTC instant, e.g. 2026-11-22T01:00:00Z");
        }
    }
}
