package vn.canhbao.stream.bench;

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

/**
 * Synthetic sites for the benchmarks: site {@code s-i} has gateway {@code gw-i}, a water-level
 * sensor {@code wl-i} and a rain gauge {@code rg-i} (expected interval 60 s), BĐ I/II/III at 2, 3,
 * 4 m. Step {@code n} of a sensor is its reading at {@code T0 + n} minutes.
 */
final class BenchData {
    static final Instant T0 = Instant.parse("2026-09-30T00:00:00Z");

    /** Water-level cycle: 5 readings at 2.5 m (raise at the 2nd), then 25 at 1.0 m (clear). */
    static final int CYCLE = 30;

    private BenchData() {}

    static SiteConfig site(int i) {
        GatewayId gw = GatewayId.of("gw-" + i);
        return new SiteConfig(
                SiteId.of("s-" + i),
                1,
                "Bench site " + i,
                "Xã " + i,
                "Lào Cai",
                new GeoPoint(22.0, 104.0),
                List.of(
                        new SensorConfig(
                                SensorId.of("wl-" + i),
                                gw,
                                Quantity.WATER_LEVEL,
                                1,
                                0,
                                Duration.ofSeconds(60)),
                        new SensorConfig(
                                SensorId.of("rg-" + i),
                                gw,
                                Quantity.RAIN,
                                1,
                                0,
                                Duration.ofSeconds(60))),
                Optional.of(
                        new FloodThresholds(
                                2.0,
                                3.0,
                                4.0,
                                OptionalDouble.empty(),
                                0.0,
                                ThresholdProvenance.LOCAL_ESTIMATE)),
                T0);
    }

    /** Cycling water level: raises and clears one flood episode every {@link #CYCLE} steps. */
    static TelemetryRecord cyclingWater(int site, long step) {
        return water(site, step, step % CYCLE < 5 ? 2.5 : 1.0);
    }

    static TelemetryRecord water(int site, long step, double metres) {
        Instant t = T0.plusSeconds(60 * step);
        return new TelemetryRecord(
                GatewayId.of("gw-" + site),
                SensorId.of("wl-" + site),
                Quantity.WATER_LEVEL,
                "m",
                metres,
                t,
                2 * step,
                t.plusMillis(200));
    }

    static TelemetryRecord rain(int site, long step, double mm) {
        Instant t = T0.plusSeconds(60 * step);
        return new TelemetryRecord(
                GatewayId.of("gw-" + site),
                SensorId.of("rg-" + site),
                Quantity.RAIN,
                "mm",
                mm,
                t,
                2 * step + 1,
                t.plusMillis(200));
    }

    static long timeOfStep(long step) {
        return T0.plusSeconds(60 * step).toEpochMilli();
    }
}
