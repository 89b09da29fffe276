package vn.canhbao.contracts;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the central jobs need to know about one site: the value of a {@code cb.site-config.v1}
 * record (compacted, key: site id). A newer {@code version} replaces an older one; consumers ignore
 * a version lower than the one they hold.
 *
 * @param site the site id
 * @param version increases with every change
 * @param name display name, e.g. "Cầu Nậm Cang"
 * @param commune the commune (xã) it belongs to
 * @param province the province (tỉnh), post-2025 name
 * @param location where it is
 * @param sensors the sensors installed there
 * @param flood the flood alarm levels, for sites that watch water level
 * @param updatedAt when this version was written
 */
public record SiteConfig(
        SiteId site,
        long version,
        String name,
        String commune,
        String province,
        GeoPoint location,
        List<SensorConfig> sensors,
        Optional<FloodThresholds> flood,
        Instant updatedAt) {

    public static final JsonCodec<SiteConfig> CODEC = new JsonCodec<>(SiteConfig.class);

    public SiteConfig {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(flood, "flood");
        Objects.requireNonNull(updatedAt, "updatedAt");
        requireText(name, "name");
        requireText(commune, "commune");
        requireText(province, "province");
        sensors = List.copyOf(Objects.requireNonNull(sensors, "sensors"));
        if (version < 0) {
            throw new ContractViolation("version", version, "expected 0 or more");
        }
        Set<SensorId> seen = new HashSet<>();
        for (int i = 0; i < sensors.size(); i++) {
            if (!seen.add(sensors.get(i).sensor())) {
                throw new ContractViolation(
                        "sensors[" + i + "].sensor",
                        sensors.get(i).sensor().value(),
                        "duplicate sensor");
            }
        }
    }

    public Optional<SensorConfig> sensor(SensorId id) {
        return sensors.stream().filter(s -> s.sensor().equals(id)).findFirst();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new ContractViolation(field, value, "expected 1 to 200 characters");
        }
    }
}
