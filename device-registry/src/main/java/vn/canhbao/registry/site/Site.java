package vn.canhbao.registry.site;

import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;

/** A validated site as the registry stores it (without its version bookkeeping). */
public record Site(
        SiteId id,
        String name,
        String commune,
        String province,
        GeoPoint location,
        Optional<FloodThresholds> flood,
        SiteProfile profile) {
    public Site {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commune, "commune");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(flood, "flood");
        Objects.requireNonNull(profile, "profile");
    }
}
