package vn.canhbao.registry.site;

import java.time.Instant;

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
        long version,
        long publishedVersion,
        Instant updatedAt) {

    static SiteView of(StoredSite stored) {
        Site s = stored.site();
        return new SiteView(
                s.id().value(),
                s.name(),
                s.commune(),
                s.province(),
                s.location().lat(),
                s.location().lon(),
                s.flood().map(FloodBody::of).orElse(null),
                stored.version(),
                stored.publishedVersion(),
                stored.updatedAt());
    }
}
