package vn.canhbao.ops.sites;

import java.time.Instant;

/** A site as the console shows it: name, place and position (WGS84 degrees). */
public record SiteView(
        String siteId,
        long version,
        String name,
        String commune,
        String province,
        double lat,
        double lon,
        Instant updatedAt) {}
