package vn.canhbao.registry.site;

import java.time.Instant;
import java.util.List;
import vn.canhbao.contracts.Hazard;

/**
 * A site as the API returns it.
 *
 * @param version counts committed changes of the site, its gateways and sensors
 * @param publishedVersion the highest version Kafka acknowledged on {@code cb.site-config.v1};
 *     equal to {@code version} once the latest change is distributed
 */
public record SiteView(
        String id,
        String name,
        String commune,
        String province,
        double lat,
        double lon,
        FloodBody flood,
        Double elevation,
        String river,
        String basin,
        String landslideSusceptibility,
        List<String> hazards,
        long version,
        long publishedVersion,
        Instant updatedAt) {

    public static SiteView of(StoredSite stored) {
        Site s = stored.site();
        SiteProfile p = s.profile();
        return new SiteView(
                s.id().value(),
                s.name(),
                s.commune(),
                s.province(),
                s.location().lat(),
                s.location().lon(),
                s.flood().map(FloodBody::of).orElse(null),
                p.elevationMetres().isPresent() ? p.elevationMetres().getAsDouble() : null,
                p.river().orElse(null),
                p.basin().orElse(null),
                p.landslide().map(LandslideSusceptibility::wireName).orElse(null),
                p.hazards().stream().map(Hazard::wireName).toList(),
                stored.version(),
                stored.publishedVersion(),
                stored.updatedAt());
    }
}
