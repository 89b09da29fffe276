package vn.canhbao.ingest.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;

/** Site configurations for tests. */
public final class TestSites {
    private TestSites() {}

    public static final GatewayId GW = GatewayId.of("gw-ta-van");

    /**
     * Site ta-van (Xã Tả Van, Lào Cai) on gw-ta-van with these sensors (rg-* rain, else water
     * level).
     */
    public static SiteConfig site(long version, String... sensors) {
        List<SensorConfig> list =
                java.util.Arrays.stream(sensors)
                        .map(
                                s ->
                                        new SensorConfig(
                                                SensorId.of(s),
                                                GW,
                                                s.startsWith("rg")
                                                        ? Quantity.RAIN
                                                        : Quantity.WATER_LEVEL,
                                                1,
                                                0,
                                                Duration.ofSeconds(60)))
                        .toList();
        return new SiteConfig(
                SiteId.of("ta-van"),
                version,
                "Suối Mường Hoa",
                "Xã Tả Van",
                "Lào Cai",
                new GeoPoint(22.3155, 103.8921),
                list,
                Optional.empty(),
                Instant.parse("2026-11-22T00:00:00Z"));
    }
}
