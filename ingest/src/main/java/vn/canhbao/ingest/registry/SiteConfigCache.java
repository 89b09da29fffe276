package vn.canhbao.ingest.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;

/**
 * The registry's sensors as last published on the compacted {@code cb.site-config.v1}: a newer
 * version of a site replaces its sensors, an older one is ignored, a tombstone removes the site.
 * Thread-safe: lookups read an immutable map swapped on each update.
 */
public final class SiteConfigCache implements SensorDirectory {
    private final Map<SiteId, SiteConfig> sites = new ConcurrentHashMap<>();
    // By gateway, then sensor: a lookup per reading hashes the ids (their hashes are cached)
    // instead of building a "gateway/sensor" string.
    private volatile Map<GatewayId, Map<SensorId, SensorPlace>> sensors = Map.of();

    /** Applies one site configuration (ignored when older than what is cached). */
    public synchronized void apply(SiteConfig config) {
        SiteConfig current = sites.get(config.site());
        if (current != null && current.version() > config.version()) {
            return;
        }
        sites.put(config.site(), config);
        rebuild();
    }

    /** Applies a tombstone: the site is gone. */
    public synchronized void remove(SiteId site) {
        if (sites.remove(site) != null) {
            rebuild();
        }
    }

    private void rebuild() {
        Map<GatewayId, Map<SensorId, SensorPlace>> next = new HashMap<>();
        for (SiteConfig site : sites.values()) {
            for (SensorConfig s : site.sensors()) {
                SensorPlace place =
                        new SensorPlace(site.site(), site.commune(), site.province(), s.quantity());
                next.computeIfAbsent(s.gateway(), g -> new HashMap<>()).put(s.sensor(), place);
            }
        }
        next.replaceAll((g, bySensor) -> Map.copyOf(bySensor));
        sensors = Map.copyOf(next);
    }

    @Override
    public Optional<SensorPlace> lookup(GatewayId gateway, SensorId sensor) {
        Map<SensorId, SensorPlace> bySensor = sensors.get(gateway);
        return bySensor == null ? Optional.empty() : Optional.ofNullable(bySensor.get(sensor));
    }

    @Override
    public boolean enforced() {
        return true;
    }

    public int size() {
        int count = 0;
        for (Map<SensorId, SensorPlace> bySensor : sensors.values()) {
            count += bySensor.size();
        }
        return count;
    }
}
