package vn.canhbao.edge.warn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.ThresholdProvenance;

/** A Nậm Cang-like site: BĐ I 2 m, II 3 m, III 4 m; one water-level and one rain sensor. */
public final class TestSites {
    public static final GatewayId GW = GatewayId.of("gw-nam-cang");
    public static final SensorId WL = SensorId.of("wl-nam-cang");
    public static final SensorId RG = SensorId.of("rg-nam-cang");

    private TestSites() {}

    public static SiteConfig namCang(long version) {
        return new SiteConfig(
                SiteId.of("nam-cang"),
                version,
                "Cầu Nậm Cang",
                "Nậm Cang",
                "Lào Cai",
                new GeoPoint(22.3, 103.9),
                List.of(
                        new SensorConfig(
                                WL, GW, Quantity.WATER_LEVEL, 1, 0, Duration.ofSeconds(10)),
                        new SensorConfig(RG, GW, Quantity.RAIN, 1, 0, Duration.ofSeconds(60))),
                Optional.of(
                        new FloodThresholds(
                                2.0,
                                3.0,
                                4.0,
                                OptionalDouble.empty(),
                                0,
                                ThresholdProvenance.LOCAL_ESTIMATE)),
                Instant.parse("2026-07-01T00:00:00Z"));
    }
}
