package vn.canhbao.stream;

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
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.contracts.ThresholdProvenance;

/** The agreed demo fixture's site Nậm Cang, and readings from its sensors. */
public final class DemoSites {
    public static final Instant T0 = Instant.parse("2026-09-30T00:00:00Z");
    public static final SiteId NAM_CANG = SiteId.of("nam-cang");
    public static final GatewayId GATEWAY = GatewayId.of("gw-nam-cang");
    public static final SensorId WATER = SensorId.of("wl-nam-cang");
    public static final SensorId RAIN = SensorId.of("rg-nam-cang");
    public static final String WATER_KEY = "gw-nam-cang/wl-nam-cang";

    private DemoSites() {}

    public static FloodThresholds thresholds(double a1, double a2, double a3) {
        return new FloodThresholds(
                a1, a2, a3, OptionalDouble.empty(), 0.0, ThresholdProvenance.LOCAL_ESTIMATE);
    }

    /** Nậm Cang with BĐ I 2.0 m, II 3.0 m, III 4.0 m, as the fixture. */
    public static SiteConfig namCang(long version) {
        return namCang(version, thresholds(2.0, 3.0, 4.0));
    }

    public static SiteConfig namCang(long version, FloodThresholds flood) {
        return new SiteConfig(
                NAM_CANG,
                version,
                "Suối Nậm Cang",
                "Xã Nậm Cang",
                "Lào Cai",
                new GeoPoint(22.2519, 103.9806),
                List.of(
                        new SensorConfig(
                                WATER, GATEWAY, Quantity.WATER_LEVEL, 1, 0, Duration.ofSeconds(60)),
                        new SensorConfig(
                                RAIN, GATEWAY, Quantity.RAIN, 1, 0, Duration.ofSeconds(60))),
                Optional.of(flood),
                T0);
    }

    /** A water-level reading at minute {@code minute} after {@link #T0}, seq = minute. */
    public static TelemetryRecord water(int minute, double metres) {
        return reading(GATEWAY, WATER, Quantity.WATER_LEVEL, minute, metres);
    }

    public static TelemetryRecord reading(
            GatewayId gw, SensorId sensor, Quantity q, int minute, double value) {
        Instant t = T0.plus(Duration.ofMinutes(minute));
        return new TelemetryRecord(gw, sensor, q, q.unit(), value, t, minute, t.plusMillis(200));
    }
}
