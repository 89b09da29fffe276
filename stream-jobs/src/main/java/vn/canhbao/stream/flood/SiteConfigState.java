package vn.canhbao.stream.flood;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.stream.serde.JsonTypeInfo;

/**
 * The broadcast state that carries site configuration to every parallel instance: the latest {@link
 * SiteConfig} per site, and an index from sensor key ({@code gateway/sensor}, the key of {@code
 * cb.telemetry.v1}) to the site that lists the sensor.
 */
public final class SiteConfigState {
    /** Site id → the newest config seen for it. */
    public static final MapStateDescriptor<String, SiteConfig> SITES =
            new MapStateDescriptor<>("sites", Types.STRING, JsonTypeInfo.of(SiteConfig.class));

    /** Sensor key ({@code gateway/sensor}) → site id. */
    public static final MapStateDescriptor<String, String> SENSOR_SITES =
            new MapStateDescriptor<>("sensor-sites", Types.STRING, Types.STRING);

    private static final Logger LOG = LoggerFactory.getLogger(SiteConfigState.class);

    private SiteConfigState() {}

    /**
     * Applies a site config to an operator's broadcast state (each operator holds its own copy): it
     * replaces the held config only if its {@code version} is higher, and re-points the sensor
     * index. Deterministic, as broadcast updates must be.
     *
     * @return the sensor keys the config lists, or empty if it was not newer (stale or repeated)
     */
    public static Optional<Set<String>> apply(
            SiteConfig config,
            BroadcastState<String, SiteConfig> sites,
            BroadcastState<String, String> sensorSites)
            throws Exception {
        String siteId = config.site().value();
        SiteConfig held = sites.get(siteId);
        if (held != null && held.version() >= config.version()) {
            return Optional.empty();
        }
        sites.put(siteId, config);
        Set<String> keys = new HashSet<>();
        config.sensors().forEach(s -> keys.add(sensorKey(s)));
        // Sensors the previous version listed and this one does not: O(sensors of the site), not a
        // scan of every sensor (a scan per config made the start with many sites quadratic).
        List<String> dropped = new ArrayList<>();
        if (held != null) {
            for (SensorConfig s : held.sensors()) {
                String key = sensorKey(s);
                if (!keys.contains(key) && siteId.equals(sensorSites.get(key))) {
                    dropped.add(key);
                }
            }
        }
        for (String key : dropped) {
            sensorSites.remove(key);
        }
        for (String key : keys) {
            String previous = sensorSites.get(key);
            if (previous != null && !previous.equals(siteId)) {
                LOG.debug(
                        "sensor {} moves from site {} to site {} (config version {})",
                        key,
                        previous,
                        siteId,
                        config.version());
            }
            sensorSites.put(key, siteId);
        }
        return Optional.of(keys);
    }

    /** The telemetry key of a configured sensor, as {@code TelemetryRecord.sensorKey()}. */
    public static String sensorKey(SensorConfig sensor) {
        return sensor.gateway().value() + "/" + sensor.sensor().value();
    }
}
