package vn.canhbao.stream.site;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.landslide.LandslideInputs;
import vn.canhbao.hazards.landslide.LandslideInputs.Gauge;
import vn.canhbao.hazards.landslide.LandslideParams;
import vn.canhbao.hazards.landslide.LandslideRule;
import vn.canhbao.hazards.landslide.MovementState;
import vn.canhbao.hazards.landslide.MovementTracker;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainState;
import vn.canhbao.hazards.vn.Art46Table;
import vn.canhbao.hazards.vn.HeavyRainTable;
import vn.canhbao.hazards.vn.RainRiskRule;
import vn.canhbao.stream.serde.JsonTypeInfo;

/**
 * The per-site rules, keyed by site id, fed with quality-controlled values of rain, soil moisture,
 * displacement and tilt ({@link SiteSample}) by the per-sensor operator:
 *
 * <ul>
 *   <li><b>heavy rain</b> (Decision 18/2021 heavy-rain table, {@code vn.heavy_rain}) from the
 *       site's wettest gauge's rolling 24 h total, for the site's terrain;
 *   <li><b>Article 46</b> ({@code vn.art46}, flash flood and landslide) from the same 24 h total
 *       and the prior rain days, for the site's province group (from its province) and
 *       susceptibility zone (from {@link SiteRuleSettings}); not graded without a zone;
 *   <li><b>landslide</b> ({@code landslide.combined}) at sites with a soil-moisture sensor,
 *       extensometer or tiltmeter: rain intensity–duration with antecedent rain, soil saturation,
 *       displacement rate, inverse-velocity failure forecast, rain and movement together.
 * </ul>
 *
 * Several sensors of one kind: the wettest gauge (24 h), the wettest soil, the fastest extensometer
 * (last hour), the first tiltmeter by id. Rain readings land in their own 5-minute bin even when
 * late; the lifecycles are evaluated only by a sample newer than the newest evaluated, so late
 * values never move an alert backwards. Every alert is emitted while processing the sample that
 * caused it (no timers, no waiting for watermarks) and is a local sensor alert. State per site is
 * kept while the site reports: rain history (72 h, 16 local days) is what the antecedent rules
 * need; it expires {@link #STATE_TTL} after the last sample.
 */
public final class SiteHazardFunction extends KeyedProcessFunction<String, SiteSample, AlertEvent> {
    private static final long serialVersionUID = 1L;

    /** A site silent this long is forgotten (longer than the 16 local days of rain kept). */
    public static final Duration STATE_TTL = Duration.ofDays(17);

    static final ValueStateDescriptor<SiteState> SITE_STATE =
            new ValueStateDescriptor<>("site-state", JsonTypeInfo.of(SiteState.class));

    static {
        // No incremental cleanup (it walks state entries on every access): expired sites are
        // dropped when read and left out of every checkpoint.
        SITE_STATE.enableTimeToLive(
                StateTtlConfig.newBuilder(STATE_TTL)
                        .disableCleanupInBackground()
                        .cleanupFullSnapshot()
                        .build());
    }

    private final SiteRuleSettings settings;

    private transient ValueState<SiteState> state;
    private transient LandslideRule landslide;
    private transient RainRiskRule rainRisk;
    private transient Art46Table art46;
    private transient Map<String, Optional<Art46Table.Group>> groups;
    private transient Counter alertsEmitted;
    private transient Counter noProvinceGroup;
    private transient Counter lateEvaluations;

    public SiteHazardFunction(SiteRuleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(SITE_STATE);
        LandslideParams p = settings.landslide();
        landslide = new LandslideRule(p);
        art46 = Art46Table.defaultTable();
        rainRisk =
                new RainRiskRule(
                        HeavyRainTable.defaultTable(),
                        art46,
                        p.rain(),
                        settings.rainRiskLifecycle());
        groups = new HashMap<>();
        alertsEmitted = getRuntimeContext().getMetricGroup().counter("siteAlertsEmitted");
        noProvinceGroup = getRuntimeContext().getMetricGroup().counter("art46NoProvinceGroup");
        lateEvaluations = getRuntimeContext().getMetricGroup().counter("lateEvaluations");
    }

    @Override
    public void processElement(SiteSample s, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        SiteState before = Optional.ofNullable(state.value()).orElse(SiteState.EMPTY);
        LandslideParams p = settings.landslide();
        Instant at = Instant.ofEpochMilli(s.time());
        Map<String, RainState> rain = before.rain();
        Map<String, SiteState.Soil> soil = before.soil();
        Map<String, MovementState> ext = before.extensometers();
        Map<String, MovementState> tilt = before.tiltmeters();
        switch (s.quantity()) {
            case RAIN -> {
                if (s.value() >= 0) {
                    rain =
                            put(
                                    rain,
                                    s.sensor(),
                                    RainAccumulator.add(
                                            rain.getOrDefault(s.sensor(), RainState.EMPTY),
                                            s.value(),
                                            at,
                                            p.rain()));
                }
            }
            case SOIL_MOISTURE -> {
                SiteState.Soil old = soil.get(s.sensor());
                if (old == null || s.time() > old.time()) {
                    soil = put(soil, s.sensor(), new SiteState.Soil(s.value(), s.time()));
                }
            }
            case DISPLACEMENT ->
                    ext =
                            put(
                                    ext,
                                    s.sensor(),
                                    MovementTracker.add(
                                            ext.getOrDefault(
                                                    s.sensor(),
                                                    MovementState.empty(p.extensometer())),
                                            s.value(),
                                            at,
                                            p.extensometer()));
            case TILT ->
                    tilt =
                            put(
                                    tilt,
                                    s.sensor(),
                                    MovementTracker.add(
                                            tilt.getOrDefault(
                                                    s.sensor(), MovementState.empty(p.tiltmeter())),
                                            s.value(),
                                            at,
                                            p.tiltmeter()));
            default -> {
                return;
            }
        }
        SiteState after =
                new SiteState(
                        rain,
                        soil,
                        ext,
                        tilt,
                        before.landslide(),
                        before.heavyRain(),
                        before.art46(),
                        before.lastTime());
        long now = ctx.timerService().currentProcessingTime();
        if (s.time() > before.lastTime()) {
            after = evaluate(after, s, at, s.time(), now, out);
        } else if (s.time() < before.lastTime() && changed(before, after)) {
            // A late value changed what the windows hold: evaluate again just after the newest
            // time, so a rain total that a late reading completes is not missed until the next
            // newer reading (the lifecycle only ever moves forwards in time).
            long t = before.lastTime() + 1;
            after = evaluate(after, s, Instant.ofEpochMilli(t), t, now, out);
            lateEvaluations.inc();
        }
        state.update(after);
    }

    private static boolean changed(SiteState before, SiteState after) {
        return !before.rain().equals(after.rain())
                || !before.soil().equals(after.soil())
                || !before.extensometers().equals(after.extensometers())
                || !before.tiltmeters().equals(after.tiltmeters());
    }

    private SiteState evaluate(
            SiteState st,
            SiteSample s,
            Instant at,
            long time,
            long now,
            Collector<AlertEvent> out) {
        SiteId site = SiteId.of(s.site());
        var heavy = st.heavyRain();
        var a46 = st.art46();
        var slide = st.landslide();
        Optional<Gauge<RainState>> wettest = wettest(st.rain(), at);
        if (wettest.isPresent()) {
            Gauge<RainState> g = wettest.get();
            RainRiskRule.Result h =
                    rainRisk.heavyRain(
                            heavy, g.sensor(), g.value(), settings.terrainOf(s.site()), at);
            heavy = h.state();
            emit(h.transition(), site, now, out);
            Optional<Art46Table.Zone> zone = settings.zoneOf(s.site());
            if (zone.isPresent()) {
                Optional<Art46Table.Group> group = groupOf(s.province());
                if (group.isPresent()) {
                    RainRiskRule.Result r =
                            rainRisk.art46(a46, g.sensor(), g.value(), zone.get(), group.get(), at);
                    a46 = r.state();
                    emit(r.transition(), site, now, out);
                } else {
                    noProvinceGroup.inc();
                }
            }
        }
        if (st.watchesSlope()) {
            LandslideInputs in =
                    new LandslideInputs(
                            at, wettest, wettestSoil(st), fastest(st.extensometers()), first(st));
            LandslideRule.Result r = landslide.evaluate(slide, in);
            slide = r.state();
            emit(r.transition(), site, now, out);
        }
        return new SiteState(
                st.rain(), st.soil(), st.extensometers(), st.tiltmeters(), slide, heavy, a46, time);
    }

    private void emit(
            Optional<AlertTransition> t, SiteId site, long now, Collector<AlertEvent> out) {
        if (t.isPresent()) {
            out.collect(t.get().toAlertEvent(site, Instant.ofEpochMilli(now)));
            alertsEmitted.inc();
        }
    }

    /**
     * The province's Article 46 group; for a province listed in two groups (Khánh Hòa) the first
     * listed. Empty for a province the table does not know (e.g. a post-2025 merged name).
     */
    private Optional<Art46Table.Group> groupOf(String province) {
        return groups.computeIfAbsent(
                province,
                p -> art46.groupsOf(p).stream().findFirst().map(Art46Table.ProvinceGroup::group));
    }

    private static Optional<Gauge<RainState>> wettest(Map<String, RainState> rain, Instant at) {
        if (rain.size() == 1) {
            Map.Entry<String, RainState> only = rain.entrySet().iterator().next();
            return Optional.of(new Gauge<>(SensorId.of(only.getKey()), only.getValue()));
        }
        String best = null;
        double most = -1;
        for (Map.Entry<String, RainState> e : sorted(rain)) {
            double mm = RainAccumulator.total(e.getValue(), at, Duration.ofHours(24));
            if (mm > most) {
                most = mm;
                best = e.getKey();
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(new Gauge<>(SensorId.of(best), rain.get(best)));
    }

    private static Optional<Gauge<Double>> wettestSoil(SiteState st) {
        return sorted(st.soil()).stream()
                .max((a, b) -> Double.compare(a.getValue().percent(), b.getValue().percent()))
                .map(e -> new Gauge<>(SensorId.of(e.getKey()), e.getValue().percent()));
    }

    private Optional<Gauge<MovementState>> fastest(Map<String, MovementState> ext) {
        String best = null;
        double fastest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, MovementState> e : sorted(ext)) {
            OptionalDouble v =
                    MovementTracker.rate(
                            e.getValue(),
                            Duration.ofHours(1),
                            Duration.ZERO,
                            settings.landslide().extensometer());
            double rate = v.isPresent() ? Math.abs(v.getAsDouble()) : -1;
            if (best == null || rate > fastest) {
                fastest = rate;
                best = e.getKey();
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(new Gauge<>(SensorId.of(best), ext.get(best)));
    }

    private static Optional<Gauge<MovementState>> first(SiteState st) {
        return sorted(st.tiltmeters()).stream()
                .findFirst()
                .map(e -> new Gauge<>(SensorId.of(e.getKey()), e.getValue()));
    }

    private static <V> List<Map.Entry<String, V>> sorted(Map<String, V> m) {
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }

    private static <V> Map<String, V> put(Map<String, V> m, String k, V v) {
        Map<String, V> copy = new HashMap<>(m);
        copy.put(k, v);
        return copy;
    }
}
