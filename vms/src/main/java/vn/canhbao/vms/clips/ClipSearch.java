package vn.canhbao.vms.clips;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;

/**
 * The answer to a clip search: what was searched and the matching segments, by camera then time.
 *
 * @param alertId the alert, for a search by alert
 * @param site the alert's site, for a search by alert
 * @param center the place searched around
 * @param radiusKm the radius
 * @param from window start (inclusive)
 * @param to window end (exclusive)
 * @param clips the matching segments
 */
public record ClipSearch(
        Optional<String> alertId,
        Optional<SiteId> site,
        GeoPoint center,
        double radiusKm,
        Instant from,
        Instant to,
        List<Clip> clips) {}
