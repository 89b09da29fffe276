package vn.canhbao.stream.site;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.landslide.LandslideParams;
import vn.canhbao.hazards.vn.Art46Table;
import vn.canhbao.hazards.vn.HeavyRainTable;

/**
 * Per-site rule settings the site config does not carry: the landslide-susceptibility zone of
 * Article 46 (from the national susceptibility maps) and the terrain of the heavy-rain table, per
 * site id, with {@link #DEFAULT_KEY} for all others; the landslide rule's params; the rain-risk
 * lifecycle. Serializable, so it travels inside the Flink function.
 *
 * @param landslide the combined landslide rule's params (hazards defaults)
 * @param rainRiskLifecycle persistence and clearing of the heavy-rain and Article 46 alerts
 *     (default 2 of 3, 60 min clear, 60 min dwell, as {@code RainRiskRule.defaults()})
 * @param art46Zones site id → susceptibility zone; a site without one (and no {@link #DEFAULT_KEY})
 *     is not graded by Article 46: the zone is site data, not guessed
 * @param terrains site id → heavy-rain terrain; default {@code midland_mountain} for every site (a
 *     canhbao choice [?]: the network's sites are mostly upland streams)
 */
public record SiteRuleSettings(
        LandslideParams landslide,
        LifecycleParams rainRiskLifecycle,
        Map<String, Art46Table.Zone> art46Zones,
        Map<String, HeavyRainTable.Terrain> terrains)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key that applies to every site without its own entry. */
    public static final String DEFAULT_KEY = "*";

    public SiteRuleSettings {
        Objects.requireNonNull(landslide, "landslide");
        Objects.requireNonNull(rainRiskLifecycle, "rainRiskLifecycle");
        art46Zones = Map.copyOf(Objects.requireNonNull(art46Zones, "art46Zones"));
        terrains = Map.copyOf(Objects.requireNonNull(terrains, "terrains"));
    }

    public static SiteRuleSettings defaults() {
        return new SiteRuleSettings(
                LandslideParams.defaults(),
                new LifecycleParams(2, 3, Duration.ofMinutes(60), Duration.ofMinutes(60)),
                Map.of(),
                Map.of(DEFAULT_KEY, HeavyRainTable.Terrain.midland_mountain));
    }

    public Optional<Art46Table.Zone> zoneOf(String site) {
        Art46Table.Zone z = art46Zones.get(site);
        return Optional.ofNullable(z != null ? z : art46Zones.get(DEFAULT_KEY));
    }

    public HeavyRainTable.Terrain terrainOf(String site) {
        HeavyRainTable.Terrain t = terrains.get(site);
        if (t == null) {
            t = terrains.get(DEFAULT_KEY);
        }
        return t != null ? t : HeavyRainTable.Terrain.midland_mountain;
    }

    /** This with {@code site}'s zone set ({@link #DEFAULT_KEY} for all sites). */
    public SiteRuleSettings withZone(String site, Art46Table.Zone zone) {
        Map<String, Art46Table.Zone> z = new java.util.HashMap<>(art46Zones);
        z.put(site, zone);
        return new SiteRuleSettings(landslide, rainRiskLifecycle, z, terrains);
    }

    /** This with {@code site}'s terrain set ({@link #DEFAULT_KEY} for all sites). */
    public SiteRuleSettings withTerrain(String site, HeavyRainTable.Terrain terrain) {
        Map<String, HeavyRainTable.Terrain> t = new java.util.HashMap<>(terrains);
        t.put(site, terrain);
        return new SiteRuleSettings(landslide, rainRiskLifecycle, art46Zones, t);
    }

    /**
     * Reads {@code art46.zone.<site>=low|medium|high|very_high} and {@code
     * heavy-rain.terrain.<site>=plains|midland_mountain} (site {@code default} for all sites).
     *
     * @throws IllegalArgumentException naming the key and the value
     */
    public static SiteRuleSettings fromSettings(Map<String, String> s) {
        SiteRuleSettings r = defaults();
        for (Map.Entry<String, String> e : s.entrySet()) {
            String key = e.getKey();
            String v = e.getValue().trim().toLowerCase(Locale.ROOT);
            try {
                if (key.startsWith("art46.zone.")) {
                    r = r.withZone(site(key, "art46.zone."), Art46Table.Zone.valueOf(v));
                } else if (key.startsWith("heavy-rain.terrain.")) {
                    r =
                            r.withTerrain(
                                    site(key, "heavy-rain.terrain."),
                                    HeavyRainTable.Terrain.valueOf(v));
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(
                        key + ": cannot parse \"" + e.getValue() + "\" (" + ex.getMessage() + ")",
                        ex);
            }
        }
        return r;
    }

    private static String site(String key, String prefix) {
        String site = key.substring(prefix.length());
        if (site.isBlank()) {
            throw new IllegalArgumentException("expected a site id after " + prefix);
        }
        return site.equals("default") ? DEFAULT_KEY : site;
    }
}
