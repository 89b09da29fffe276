package vn.canhbao.stream.scenario;

import static vn.canhbao.stream.DemoSites.GATEWAY;
import static vn.canhbao.stream.DemoSites.RAIN;
import static vn.canhbao.stream.DemoSites.WATER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.DemoSites;

/**
 * Storm scenarios at the demo site Nậm Cang (BĐ I/II/III at 2, 3, 4 m), as readings to replay
 * through the job. Times are minutes after {@link DemoSites#T0}.
 */
public final class Scenarios {
    private Scenarios() {}

    /**
     * A scenario: the site configs, the readings in the order they arrive, and pauses of the source
     * (milliseconds before reading i).
     */
    public record Scenario(
            List<SiteConfig> configs, List<TelemetryRecord> readings, Map<Integer, Long> pauses) {}

    static TelemetryRecord water(double minute, double metres) {
        return at(WATER, Quantity.WATER_LEVEL, minute, metres);
    }

    static TelemetryRecord rain(double minute, double mm) {
        return at(RAIN, Quantity.RAIN, minute, mm);
    }

    private static TelemetryRecord at(SensorId sensor, Quantity q, double minute, double value) {
        Instant t = DemoSites.T0.plusMillis(Math.round(minute * 60_000));
        long seq = Math.round(minute * 60) * 2 + (q == Quantity.RAIN ? 1 : 0);
        return new TelemetryRecord(GATEWAY, sensor, q, q.unit(), value, t, seq, t.plusMillis(500));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A 1 s pause before the first reading, so the site config is in place first. */
    private static Map<Integer, Long> configFirst() {
        return Map.of(0, 1_000L);
    }

    /**
     * Flash flood on a small stream, one reading a minute: 0.8 m for 10 min, a rise of 0.2 m/min to
     * 4.4 m at minute 28, a fall of 0.15 m/min back to 0.8 m, then calm until minute 90.
     */
    public static Scenario flashFlood() {
        List<TelemetryRecord> r = new ArrayList<>();
        for (int m = 0; m <= 90; m++) {
            double h;
            if (m < 10) {
                h = 0.8;
            } else if (m <= 28) {
                h = 0.8 + 0.2 * (m - 10);
            } else {
                h = Math.max(0.8, 4.4 - 0.15 * (m - 28));
            }
            r.add(water(m, round(h)));
        }
        return new Scenario(List.of(DemoSites.namCang(1)), r, configFirst());
    }

    /**
     * Slow river flood, one reading every 15 min over three days: a rise from 1.0 m to 3.4 m over
     * 24 h, 6 h at the crest, a fall back to 1.0 m over 24 h, then calm.
     */
    public static Scenario slowRiverFlood() {
        List<TelemetryRecord> r = new ArrayList<>();
        for (int m = 0; m <= 72 * 60; m += 15) {
            double hours = m / 60.0;
            double h;
            if (hours <= 24) {
                h = 1.0 + 2.4 * hours / 24;
            } else if (hours <= 30) {
                h = 3.4;
            } else {
                h = Math.max(1.0, 3.4 - 2.4 * (hours - 30) / 24);
            }
            r.add(water(m, round(h)));
        }
        return new Scenario(List.of(DemoSites.namCang(1)), r, configFirst());
    }

    /** Calm water at 1.0 m with one transmission spike to 4.6 m at minute 30. */
    public static Scenario spike() {
        List<TelemetryRecord> r = new ArrayList<>();
        for (int m = 0; m <= 60; m++) {
            r.add(water(m, m == 30 ? 4.6 : 1.0));
        }
        return new Scenario(List.of(DemoSites.namCang(1)), r, configFirst());
    }

    /**
     * The flash flood, with readings late and out of order as a gateway flushing its buffer
     * delivers them: during the rise every pair of readings is swapped, every fifth reading arrives
     * three readings late, and ten readings of the rise are delivered again at the end.
     */
    public static Scenario flashFloodLateAndOutOfOrder() {
        List<TelemetryRecord> inOrder = flashFlood().readings();
        List<TelemetryRecord> r = new ArrayList<>(inOrder);
        for (int i = 10; i + 1 < 30; i += 2) {
            r.set(i, inOrder.get(i + 1));
            r.set(i + 1, inOrder.get(i));
        }
        for (int i = 40; i + 3 < r.size(); i += 5) {
            TelemetryRecord late = r.remove(i);
            r.add(i + 3, late);
        }
        r.addAll(inOrder.subList(12, 22));
        return new Scenario(List.of(DemoSites.namCang(1)), r, configFirst());
    }

    /** The demo site with sensors that report every second (so silence shows within seconds). */
    public static SiteConfig namCangEverySecond() {
        SiteConfig s = DemoSites.namCang(1);
        return new SiteConfig(
                s.site(),
                s.version(),
                s.name(),
                s.commune(),
                s.province(),
                s.location(),
                List.of(
                        new SensorConfig(
                                WATER, GATEWAY, Quantity.WATER_LEVEL, 1, 0, Duration.ofSeconds(1)),
                        new SensorConfig(
                                RAIN, GATEWAY, Quantity.RAIN, 1, 0, Duration.ofSeconds(1))),
                s.flood(),
                s.updatedAt());
    }

    /**
     * Heavy rain (5 mm a minute) with calm water; the gateway goes silent for {@code silenceMillis}
     * after minute 19, then reports again. Readings are meant to be replayed at 10 a second, so
     * each sensor reports every 0.2 s of processing time.
     */
    public static Scenario gatewaySilentInHeavyRain(long silenceMillis) {
        List<TelemetryRecord> r = new ArrayList<>();
        for (int m = 0; m < 25; m++) {
            r.add(water(m, 1.0));
            r.add(rain(m, 5.0));
        }
        return new Scenario(List.of(namCangEverySecond()), r, Map.of(0, 1_000L, 40, silenceMillis));
    }

    /**
     * A water-level sensor that sticks: calm water (1.00–1.02 m) for 30 minutes, then the same 1.02
     * m for 400 readings (one a minute) from minute 30, then moving again from minute 430 to 460.
     */
    public static Scenario stuckSensor() {
        List<TelemetryRecord> r = new ArrayList<>();
        for (int m = 0; m <= 460; m++) {
            double h = m >= 30 && m < 430 ? 1.02 : 1.0 + 0.01 * ((m + 2) % 3);
            r.add(water(m, round(h)));
        }
        return new Scenario(List.of(DemoSites.namCang(1)), r, configFirst());
    }

    public static final SiteId LANG_NU = SiteId.of("lang-nu");
    public static final GatewayId LANG_NU_GATEWAY = GatewayId.of("gw-lang-nu");
    public static final SensorId LANG_NU_RAIN = SensorId.of("rg-lang-nu");
    public static final SensorId LANG_NU_EXTENSOMETER = SensorId.of("ex-lang-nu");

    /** Storm start (minute): 07:00 local time on the day after the antecedent rain. */
    public static final int STORM_START = 1440;

    /** When the accelerating slope would fail (minute): the inverse velocity reaches zero there. */
    public static final int FAILURE_AT = STORM_START + 14 * 60;

    /**
     * A hillside site in Lào Cai (province group KV1) with a rain gauge and an extensometer, both
     * every 10 minutes. Day 1 (local): 9 mm of light rain (a prior rain day). Day 2: 10 mm/h for 12
     * hours from {@link #STORM_START} (120 mm); from 4 hours into the storm the slope creeps with
     * inverse velocity falling linearly towards {@link #FAILURE_AT} (v = 5 mm / time left: 0.5 mm/h
     * at first, 5 mm/h when it stops, an hour before failure, at minute 2220); then everything is
     * still until minute 2900.
     */
    public static Scenario rainTriggeredLandslide() {
        List<TelemetryRecord> r = new ArrayList<>();
        double creepFrom = STORM_START + 4 * 60;
        double stopAt = FAILURE_AT - 60;
        for (int m = 0; m <= 2900; m += 10) {
            double rain;
            if (m < 180) {
                rain = 0.5;
            } else if (m >= STORM_START && m < STORM_START + 12 * 60) {
                rain = 10.0 / 6;
            } else {
                rain = 0;
            }
            double t = Math.min(m, stopAt);
            double mm = 50.0;
            if (t > creepFrom) {
                mm += 5.0 * Math.log((FAILURE_AT - creepFrom) / (FAILURE_AT - t));
            }
            r.add(landslideReading(LANG_NU_RAIN, Quantity.RAIN, m, round(rain)));
            r.add(landslideReading(LANG_NU_EXTENSOMETER, Quantity.DISPLACEMENT, m, round(mm)));
        }
        return new Scenario(List.of(langNu()), r, configFirst());
    }

    /**
     * The landslide scenario as a gateway flushing its buffer delivers it: during the storm every
     * pair of readings of a sensor is swapped, and every seventh reading arrives four places late.
     */
    public static Scenario rainTriggeredLandslideLateAndOutOfOrder() {
        List<TelemetryRecord> inOrder = rainTriggeredLandslide().readings();
        List<TelemetryRecord> r = new ArrayList<>(inOrder);
        int from = 2 * (STORM_START / 10);
        for (int i = from; i + 3 < 2 * ((STORM_START + 12 * 60) / 10); i += 4) {
            // readings alternate rain, extensometer: swap minute m and m + 10 of both sensors
            r.set(i, inOrder.get(i + 2));
            r.set(i + 1, inOrder.get(i + 3));
            r.set(i + 2, inOrder.get(i));
            r.set(i + 3, inOrder.get(i + 1));
        }
        for (int i = from + 7; i + 4 < r.size(); i += 7) {
            TelemetryRecord late = r.remove(i);
            r.add(i + 4, late);
        }
        return new Scenario(List.of(langNu()), r, configFirst());
    }

    static SiteConfig langNu() {
        return new SiteConfig(
                LANG_NU,
                1,
                "Sườn đồi Làng Nủ",
                "Xã Phúc Khánh",
                "Lào Cai",
                new GeoPoint(22.28, 104.43),
                List.of(
                        new SensorConfig(
                                LANG_NU_RAIN,
                                LANG_NU_GATEWAY,
                                Quantity.RAIN,
                                1,
                                0,
                                Duration.ofMinutes(10)),
                        new SensorConfig(
                                LANG_NU_EXTENSOMETER,
                                LANG_NU_GATEWAY,
                                Quantity.DISPLACEMENT,
                                1,
                                0,
                                Duration.ofMinutes(10))),
                Optional.empty(),
                DemoSites.T0);
    }

    private static TelemetryRecord landslideReading(
            SensorId sensor, Quantity q, int minute, double value) {
        Instant t = DemoSites.T0.plusMillis(minute * 60_000L);
        long seq = minute * 2L + (q == Quantity.RAIN ? 1 : 0);
        return new TelemetryRecord(
                LANG_NU_GATEWAY, sensor, q, q.unit(), value, t, seq, t.plusMillis(500));
    }
}
