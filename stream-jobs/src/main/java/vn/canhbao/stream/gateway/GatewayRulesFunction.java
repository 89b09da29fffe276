package vn.canhbao.stream.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.flood.FloodRuleParams;
import vn.canhbao.hazards.flood.FloodRuleResult;
import vn.canhbao.hazards.flood.FloodRuleState;
import vn.canhbao.hazards.flood.FloodStageRule;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.hazards.flood.RateOfRiseRule;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.flood.StageSample;
import vn.canhbao.hazards.qc.QcFlag;
import vn.canhbao.hazards.qc.QcParams;
import vn.canhbao.hazards.qc.QcResult;
import vn.canhbao.hazards.qc.QcSample;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.hazards.qc.QualityControl;
import vn.canhbao.hazards.wind.WindRule;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.flood.SiteConfigState;
import vn.canhbao.stream.gateway.SensorState.StuckEpisode;
import vn.canhbao.stream.health.DeviceHealth;
import vn.canhbao.stream.health.DeviceHealthParams;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryTypeInfo;
import vn.canhbao.stream.site.SiteSample;
import vn.canhbao.stream.site.SiteSampleTypeInfo;

/**
 * The rules of one gateway's sensors, keyed by gateway id, one {@link TelemetryPack} (one gateway
 * message) at a time, with site configuration (sensor → site, calibration, alarm levels) from
 * broadcast state. Keying by gateway lets one exchange per message feed both the per-sensor rules
 * and device health, which needs all of a gateway's sensors together.
 *
 * <p>For each reading: calibrate → {@code hazards} QARTOD quality control → for each value QC
 * releases as usable (pass or suspect):
 *
 * <ul>
 *   <li>water level: flood stage against the site's BĐ I/II/III ({@code flood.stage}) and flash
 *       flood by rate of rise ({@code flash_flood.rate_of_rise});
 *   <li>wind speed: Beaufort 10-minute mean and gust ({@code wind.beaufort});
 *   <li>rain, soil moisture, displacement, tilt: sent on to the per-site rules as {@link
 *       SiteSample}s ({@link #SITE_INPUTS}).
 * </ul>
 *
 * Then device health ({@link DeviceHealth}) sees the message's readings of configured sensors.
 *
 * <p>Quality control holds a step larger than the spike limit for one sample (a lone spike fails, a
 * real flash-flood rise passes one sample late); a held value with no next sample is released as
 * suspect by a processing-time timer after the gap limit. A {@link QcFlag#MISSING} marker or a
 * failed value reaches no rule: missing is unknown, never safe. A flat line (stuck sensor) is an
 * operator alert ({@link #RULE_STUCK}, hazard {@code device_silent}: the sensor no longer reports
 * the world) raised at suspect (level 1), escalated at fail (level 2), cleared by the first value
 * that moves; values failed on gross range also go to {@link #REJECTED} (the dead-letter topic).
 *
 * <ul>
 *   <li>A site config replaces the one held only if its {@code version} is higher; a change applies
 *       to the next reading, without restart.
 *   <li>Readings of a sensor whose config has not arrived yet are buffered ({@link #PENDING}, per
 *       sensor, bounded by {@link PendingLimits}) and replayed, in order, before the gateway's next
 *       message or when their timer finds the config. Readings that overflow the buffer or outlive
 *       it go to {@link #UNCONFIGURED} and the {@code unconfiguredReadings} metric.
 *   <li>Keyed state per gateway: one value, {@link #STATE} ({@link GatewayState}: a {@link
 *       SensorState} per sensor, QC state about 90 bytes while the sensor reports and the rule
 *       states only while they matter, dropped {@link #SENSOR_STATE_TTL} after the sensor's last
 *       reading or once no site lists it; device health; the count of pending buffers), changed in
 *       place and written back once per message; a pending buffer per unconfigured sensor; the
 *       users of each timer ({@link SharedTimers}). Timers: one per pending buffer, one per held QC
 *       value, device health's one; each is deleted by its last user or fires once.
 *   <li>Every alert is emitted while processing the reading that caused it (no event-time timers,
 *       no waiting for watermarks).
 * </ul>
 */
public final class GatewayRulesFunction
        extends KeyedBroadcastProcessFunction<String, TelemetryPack, SiteConfig, AlertEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRulesFunction.class);

    public static final String RULE_STUCK = "device.stuck.sensor";
    public static final String RULE_STUCK_VERSION = "qartod-flat-line-v1";

    /** Readings of sensors that no site config lists. */
    public static final OutputTag<TelemetryRecord> UNCONFIGURED =
            new OutputTag<>("unconfigured-readings", TelemetryTypeInfo.INSTANCE);

    /** Readings rejected by the rules' input checks (e.g. QC gross range), for the DLQ. */
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-readings", JsonTypeInfo.of(DeadLetter.class));

    /**
     * Quality-controlled values of rain, soil moisture, displacement and tilt, for the site rules.
     */
    public static final OutputTag<SiteSample> SITE_INPUTS =
            new OutputTag<>("site-inputs", SiteSampleTypeInfo.INSTANCE);

    /**
     * A sensor's rule state is dropped (at the gateway's next message or timer) once the sensor has
     * not reported for this long.
     */
    static final Duration SENSOR_STATE_TTL = Duration.ofDays(2);

    /**
     * How often a pending buffer looks whether a config lists its sensor by now, when no message of
     * its gateway came to replay it: readings that beat their config wait at most this long.
     */
    public static final Duration PENDING_RECHECK = Duration.ofSeconds(1);

    /** How long the end of a flood episode is remembered against late re-deliveries. */
    static final Duration CLEARED_AT_TTL = Duration.ofHours(24);

    /** Everything kept for the gateway key: its sensors' rule states and its device health. */
    static final ValueStateDescriptor<GatewayState> STATE =
            new ValueStateDescriptor<>("gateway-state", GatewayStateSerializer.TYPE_INFO);

    /** Sensor id → readings waiting for the sensor's site config, within the gateway key. */
    static final MapStateDescriptor<String, PendingBuffer> PENDING =
            new MapStateDescriptor<>(
                    "pending-readings", Types.STRING, PendingBufferSerializer.TYPE_INFO);

    /**
     * Times of the last {@value #RECENT_TIMES} readings of a site-input sensor are kept, to drop
     * repeats.
     */
    static final int RECENT_TIMES = 32;

    private final String ruleTableResource;
    private final FloodRuleParams params;
    private final RateOfRiseParams riseParams;
    private final PendingLimits pendingLimits;
    private final DeviceHealth health;

    private transient FloodStageRule rule;
    private transient RateOfRiseRule riseRule;
    private transient WindRule windRule;
    private transient ValueState<GatewayState> gatewayState;

    /** The sensor state one reading or timer works on (one at a time: reused, not allocated). */
    private transient Work work;

    private transient MapState<String, PendingBuffer> pending;
    private transient MapState<Long, Integer> timerUsers;
    private transient Map<SensorConfig, QcParams> qcParams;

    /**
     * Counts the site configs this instance applied: cached look-ups of an older count are stale.
     */
    private transient long configEpoch;

    private transient Counter staleReadings;
    private transient Counter alertsEmitted;
    private transient Counter unconfiguredReadings;
    private transient Counter bufferedReadings;
    private transient Counter staleConfigs;
    private transient Counter qcFailed;
    private transient Counter qcSuspect;
    private transient Counter qcMissing;
    private transient Counter rejected;
    private transient Counter duplicates;

    /**
     * @param ruleTableResource classpath resource of the flood stage table, e.g. {@link
     *     FloodStageTable#DEFAULT_RESOURCE}
     * @param deviceHealth device health's parameters; empty runs the sensor rules alone
     */
    public GatewayRulesFunction(
            String ruleTableResource,
            FloodRuleParams params,
            RateOfRiseParams riseParams,
            PendingLimits pendingLimits,
            Optional<DeviceHealthParams> deviceHealth) {
        this.ruleTableResource = Objects.requireNonNull(ruleTableResource, "ruleTableResource");
        this.params = Objects.requireNonNull(params, "params");
        this.riseParams = Objects.requireNonNull(riseParams, "riseParams");
        this.pendingLimits = Objects.requireNonNull(pendingLimits, "pendingLimits");
        this.health = deviceHealth.map(DeviceHealth::new).orElse(null);
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new FloodStageRule(FloodStageTable.fromClasspath(ruleTableResource));
        riseRule = new RateOfRiseRule(riseParams);
        windRule = WindRule.defaults();
        gatewayState = getRuntimeContext().getState(STATE);
        work = new Work();
        pending = getRuntimeContext().getMapState(PENDING);
        timerUsers = getRuntimeContext().getMapState(SharedTimers.USERS);
        if (health != null) {
            health.open(getRuntimeContext());
        }
        qcParams = new IdentityHashMap<>();
        var metrics = getRuntimeContext().getMetricGroup();
        staleReadings = metrics.counter("staleReadings");
        alertsEmitted = metrics.counter("alertsEmitted");
        unconfiguredReadings = metrics.counter("unconfiguredReadings");
        bufferedReadings = metrics.counter("bufferedReadings");
        staleConfigs = metrics.counter("staleSiteConfigs");
        qcFailed = metrics.counter("qcFailedValues");
        qcSuspect = metrics.counter("qcSuspectValues");
        qcMissing = metrics.counter("qcMissingMarkers");
        rejected = metrics.counter("rejectedReadings");
        duplicates = metrics.counter("duplicateReadings");
    }

    @Override
    public void processElement(TelemetryPack pack, ReadOnlyContext ctx, Collector<AlertEvent> out)
            throws Exception {
        String gateway = ctx.getCurrentKey();
        GatewayState state = gatewayState.value();
        if (state == null) {
            state = new GatewayState();
        }
        SharedTimers timers = new SharedTimers(timerUsers, ctx.timerService());
        if (state.pendingSensors() > 0) {
            // Readings buffered before their config: replayed, in order, before this message.
            replayConfigured(gateway, state, ctx, timers, out);
        }
        long now = timers.currentProcessingTime();
        List<TelemetryRecord> readings = pack.records();
        List<DeviceHealth.Watched> watched =
                health == null ? List.of() : new ArrayList<>(readings.size());
        for (TelemetryRecord reading : readings) {
            String sensorId = reading.sensor().value();
            int i = state.indexOf(sensorId);
            Resolved r = i < 0 ? null : state.resolved(i, configEpoch);
            if (r == null) {
                r = resolve(reading, ctx);
                if (i >= 0) {
                    state.resolved(i, r);
                }
            }
            if (r.siteId() == null) {
                buffer(reading, state, ctx, timers);
                continue;
            }
            if (r.sensor() == null) {
                continue; // the site lists the sensor key, not with this gateway
            }
            i = state.touch(i, sensorId, now);
            state.resolved(i, r);
            if (health != null) {
                watched.add(new DeviceHealth.Watched(reading, r.siteId(), r.sensor()));
            }
            evaluate(reading, r.site(), r.sensor(), r.qc(), state, i, ctx, timers, out);
        }
        if (health != null) {
            state.health(health.process(gateway, state.health(), watched, timers, out));
        }
        if (state.oldestSeen() < now - SENSOR_STATE_TTL.toMillis()) {
            forgetSensors(gateway, state, ctx, timers, false);
        }
        save(state);
    }

    /** Writes the gateway's value back (it was changed in place), or clears it when empty. */
    private void save(GatewayState state) throws Exception {
        if (state.isEmpty()) {
            gatewayState.clear();
        } else {
            gatewayState.update(state);
        }
    }

    private Resolved resolve(TelemetryRecord reading, ReadOnlyContext ctx) throws Exception {
        String siteId =
                ctx.getBroadcastState(SiteConfigState.SENSOR_SITES).get(reading.sensorKey());
        SiteConfig site =
                siteId == null ? null : ctx.getBroadcastState(SiteConfigState.SITES).get(siteId);
        SensorConfig sensor =
                listedWith(site, reading.sensor(), reading.gateway().value()).orElse(null);
        return new Resolved(
                siteId, site, sensor, sensor == null ? null : qcParamsFor(sensor), configEpoch);
    }

    /** The sensor's config if {@code site} (null for none) lists it with {@code gateway}. */
    private static Optional<SensorConfig> listedWith(
            SiteConfig site, SensorId sensor, String gateway) {
        return site == null
                ? Optional.empty()
                : site.sensor(sensor).filter(c -> c.gateway().value().equals(gateway));
    }

    @Override
    public void processBroadcastElement(SiteConfig config, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        Optional<?> applied =
                SiteConfigState.apply(
                        config,
                        ctx.getBroadcastState(SiteConfigState.SITES),
                        ctx.getBroadcastState(SiteConfigState.SENSOR_SITES));
        if (applied.isEmpty()) {
            staleConfigs.inc();
            return;
        }
        // Cached look-ups are stale now. Buffered readings of the sensors it lists are replayed
        // at their gateway's next message (or when their buffer's timer fires): a config cannot
        // reach one gateway's keyed state without visiting every gateway's, which made a start
        // with many sites quadratic.
        configEpoch++;
        LOG.info("site {} config version {} applied", config.site().value(), config.version());
    }

    /**
     * Replays, in order, the buffers of this gateway's sensors that a site config now lists, and
     * lets their timers go.
     */
    private void replayConfigured(
            String gateway,
            GatewayState state,
            ReadOnlyContext ctx,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        Map<String, SiteConfig> ready = new HashMap<>();
        int buffers = 0;
        for (String id : pending.keys()) {
            buffers++;
            SiteConfig site = siteOf(ctx, gateway, id);
            if (site != null) {
                ready.put(id, site);
            }
        }
        for (Map.Entry<String, SiteConfig> e : ready.entrySet()) {
            PendingBuffer buffer = pending.get(e.getKey());
            pending.remove(e.getKey());
            timers.delete(buffer.check());
            replay(buffer, e.getValue(), state, ctx, timers, out);
        }
        state.pendingSensors(buffers - ready.size());
    }

    private void replay(
            PendingBuffer buffer,
            SiteConfig site,
            GatewayState state,
            ReadOnlyContext ctx,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        for (TelemetryRecord r : buffer.readings()) {
            Optional<SensorConfig> sensor = listedWith(site, r.sensor(), r.gateway().value());
            if (sensor.isPresent()) {
                String id = r.sensor().value();
                int i = state.touch(state.indexOf(id), id, timers.currentProcessingTime());
                evaluate(
                        r,
                        site,
                        sensor.get(),
                        qcParamsFor(sensor.get()),
                        state,
                        i,
                        ctx,
                        timers,
                        out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        SharedTimers.fired(timerUsers, timestamp);
        SharedTimers timers = new SharedTimers(timerUsers, ctx.timerService());
        String gateway = ctx.getCurrentKey();
        GatewayState state = gatewayState.value();
        if (state == null) {
            state = new GatewayState();
        }
        checkBuffers(gateway, timestamp, state, ctx, timers, out);
        releaseHeldValues(gateway, timestamp, state, ctx, out);
        if (health != null) {
            state.health(
                    health.onTimer(
                            gateway,
                            timestamp,
                            state.health(),
                            ctx.getBroadcastState(SiteConfigState.SENSOR_SITES),
                            timers,
                            out));
        }
        forgetSensors(gateway, state, ctx, timers, true);
        save(state);
    }

    /**
     * Drops the rule state of sensors silent for {@link #SENSOR_STATE_TTL} and, with {@code
     * unlisted}, of sensors no site lists with this gateway any more; lets their QC timers go.
     */
    private void forgetSensors(
            String gateway,
            GatewayState state,
            ReadOnlyContext ctx,
            SharedTimers timers,
            boolean unlisted)
            throws Exception {
        long silentSince = timers.currentProcessingTime() - SENSOR_STATE_TTL.toMillis();
        boolean[] drop = new boolean[state.size()];
        boolean any = false;
        for (int i = 0; i < drop.length; i++) {
            drop[i] =
                    state.seen(i) < silentSince || (unlisted && !listed(ctx, gateway, state.id(i)));
            if (drop[i]) {
                any = true;
                if (state.sensor(i).qcTimer() != 0) {
                    timers.delete(state.sensor(i).qcTimer());
                }
            }
        }
        if (any) {
            state.sweep(i -> drop[i]);
        }
    }

    /**
     * Buffers whose timer fired: replayed if a config lists their sensor by now, given up at their
     * limit (those sensors are not configured anywhere), else looked at again a second later.
     */
    private void checkBuffers(
            String gateway,
            long timestamp,
            GatewayState state,
            OnTimerContext ctx,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        if (state.pendingSensors() == 0) {
            return;
        }
        List<String> fired = new ArrayList<>();
        for (Map.Entry<String, PendingBuffer> e : pending.entries()) {
            if (e.getValue().check() <= timestamp) {
                fired.add(e.getKey());
            }
        }
        for (String id : fired) {
            PendingBuffer buffer = pending.get(id);
            SiteConfig site = siteOf(ctx, gateway, id);
            if (site == null && buffer.due() > timestamp) {
                long next = Math.min(timestamp + PENDING_RECHECK.toMillis(), buffer.due());
                timers.register(next);
                pending.put(id, new PendingBuffer(buffer.due(), next, buffer.readings()));
                continue;
            }
            pending.remove(id);
            state.pendingSensors(state.pendingSensors() - 1);
            if (site != null) {
                replay(buffer, site, state, ctx, timers, out);
                continue;
            }
            for (TelemetryRecord r : buffer.readings()) {
                ctx.output(UNCONFIGURED, r);
            }
            unconfiguredReadings.inc(buffer.readings().size());
            LOG.warn(
                    "{} readings of sensor {}/{}, which no site config lists, sent to the"
                            + " unconfigured output",
                    buffer.readings().size(),
                    gateway,
                    id);
        }
    }

    /** Values QC held for their next sample, which never came: released as suspect. */
    private void releaseHeldValues(
            String gateway,
            long timestamp,
            GatewayState state,
            OnTimerContext ctx,
            Collector<AlertEvent> out)
            throws Exception {
        for (int i = 0; i < state.size(); i++) {
            long at = state.sensor(i).qcTimer();
            if (at == 0 || at > timestamp) {
                continue;
            }
            Work w = work.load(state.sensor(i)).qcTimer(0);
            if (w.qc.holding()) {
                SiteConfig site = siteOf(ctx, gateway, state.id(i));
                Optional<SensorConfig> sensor = listedWith(site, SensorId.of(state.id(i)), gateway);
                if (sensor.isEmpty()) {
                    w.qc(QcState.EMPTY);
                } else {
                    QcParams p = qcParamsFor(sensor.get());
                    // QC judges in event time; the timer stands for "no sample within the gap
                    // limit".
                    Instant expiredAt =
                            Instant.ofEpochMilli(w.qc.heldTime()).plus(p.gapLimit()).plusMillis(1);
                    Optional<QualityControl.Output> released =
                            QualityControl.expire(w.qc, expiredAt, p);
                    if (released.isPresent()) {
                        w.qc(released.get().state());
                        for (QcResult r : released.get().results()) {
                            use(r, sensor.get(), p, site, ctx, null, w, out);
                        }
                    }
                }
            }
            save(state, i, w);
        }
    }

    /** The site config that lists {@code gateway/sensorId} now, or null. */
    /** Whether a site lists {@code gateway/sensorId} with this gateway now. */
    private static boolean listed(ReadOnlyContext ctx, String gateway, String sensorId)
            throws Exception {
        return listedWith(siteOf(ctx, gateway, sensorId), SensorId.of(sensorId), gateway)
                .isPresent();
    }

    private static SiteConfig siteOf(ReadOnlyContext ctx, String gateway, String sensorId)
            throws Exception {
        String siteId =
                ctx.getBroadcastState(SiteConfigState.SENSOR_SITES).get(gateway + "/" + sensorId);
        return siteId == null ? null : ctx.getBroadcastState(SiteConfigState.SITES).get(siteId);
    }

    /**
     * Appends to the sensor's buffer; the buffer is bounded ({@link PendingLimits#maxReadings()}),
     * so copying it per append is bounded too. Overflow gives the oldest reading up.
     */
    private void buffer(
            TelemetryRecord reading, GatewayState state, ReadOnlyContext ctx, SharedTimers timers)
            throws Exception {
        String id = reading.sensor().value();
        PendingBuffer held = pending.get(id);
        List<TelemetryRecord> readings;
        long due;
        long check;
        if (held == null) {
            long now = timers.currentProcessingTime();
            due = now + pendingLimits.maxAge().toMillis();
            check = Math.min(now + PENDING_RECHECK.toMillis(), due);
            timers.register(check);
            state.pendingSensors(state.pendingSensors() + 1);
            readings = new ArrayList<>(1);
        } else {
            due = held.due();
            check = held.check();
            readings = new ArrayList<>(held.readings().size() + 1);
            readings.addAll(held.readings());
        }
        readings.add(reading);
        if (readings.size() > pendingLimits.maxReadings()) {
            unconfiguredReadings.inc();
            ctx.output(UNCONFIGURED, readings.remove(0));
        }
        pending.put(id, new PendingBuffer(due, check, readings));
        bufferedReadings.inc();
    }

    /** QC limits per sensor config instance (configs are immutable; a new one gets new limits). */
    private QcParams qcParamsFor(SensorConfig sensor) {
        QcParams p = qcParams.get(sensor);
        if (p == null) {
            if (qcParams.size() > 100_000) {
                qcParams.clear();
            }
            p = QcParams.defaultsFor(sensor.quantity(), sensor.expectedInterval());
            qcParams.put(sensor, p);
        }
        return p;
    }

    /**
     * A sensor's state while one reading (or timer) works on it: read once, written once if it
     * changed, removed when nothing is left.
     */
    private static final class Work {
        QcState qc;
        long qcTimer;
        FloodRuleState flood;
        long clearedAt;
        long clearedAtSetAt;
        RiseState rise;
        WindRule.State wind;
        StuckEpisode stuck;
        long[] recent;
        int recentNext;
        long recentNewest;
        boolean changed;

        /**
         * Starts work on {@code from}: every field is set, so one instance serves every reading.
         */
        Work load(SensorState from) {
            qc = from.qc();
            qcTimer = from.qcTimer();
            flood = from.flood();
            clearedAt = from.clearedAt();
            clearedAtSetAt = from.clearedAtSetAt();
            rise = from.rise();
            wind = from.wind();
            stuck = from.stuck();
            recent = from.recent();
            recentNext = from.recentNext();
            recentNewest = from.recentNewest();
            changed = false;
            return this;
        }

        Work qc(QcState v) {
            changed |= v != qc;
            qc = v;
            return this;
        }

        Work qcTimer(long v) {
            changed |= v != qcTimer;
            qcTimer = v;
            return this;
        }

        void flood(FloodRuleState v) {
            changed |= v != flood;
            flood = v;
        }

        void clearedAt(long time, long now) {
            changed = true;
            clearedAt = time;
            clearedAtSetAt = now;
        }

        void rise(RiseState v) {
            changed |= v != rise;
            rise = v;
        }

        void wind(WindRule.State v) {
            changed |= v != wind;
            wind = v;
        }

        void stuck(StuckEpisode v) {
            changed |= v != stuck;
            stuck = v;
        }

        void recent(long[] v, int next, long newest) {
            changed = true;
            recent = v;
            recentNext = next;
            recentNewest = newest;
        }

        SensorState freeze() {
            return new SensorState(
                    qc,
                    qcTimer,
                    flood,
                    clearedAt,
                    clearedAtSetAt,
                    rise,
                    wind,
                    stuck,
                    recent,
                    recentNext,
                    recentNewest);
        }
    }

    private static void save(GatewayState state, int i, Work w) {
        if (w.changed) {
            state.sensor(i, w.freeze());
        }
    }

    /**
     * Quality control, then the rules for each value it releases.
     *
     * @param timers the gateway's timers, {@code null} where there is no timer service (a config's
     *     replay)
     */
    private void evaluate(
            TelemetryRecord reading,
            SiteConfig site,
            SensorConfig sensor,
            QcParams p,
            GatewayState state,
            int i,
            ReadOnlyContext ctx,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        if (sensor.quantity() != reading.quantity()) {
            reject(
                    ctx,
                    reading,
                    "quantity",
                    "configured as " + sensor.quantity().wireName(),
                    DeadLetter.QUANTITY_MISMATCH);
            return;
        }
        Work w = work.load(state.sensor(i));
        if (SiteSample.isSiteInput(sensor.quantity()) && repeated(reading, w)) {
            // Rain is summed: a reading delivered twice must not count twice.
            duplicates.inc();
            return;
        }
        QcState before = w.qc;
        QcSample sample =
                new QcSample(sensor.calibrate(reading.value()), reading.time(), reading.seq());
        QualityControl.Output qc = QualityControl.evaluate(before, sample, p);
        QcState after = qc.state();
        w.qc(after);
        boolean newHold =
                after.holding() && (!before.holding() || before.heldTime() != after.heldTime());
        if (timers != null && (newHold || (before.holding() && !after.holding()))) {
            if (w.qcTimer != 0) {
                timers.delete(w.qcTimer);
                w.qcTimer(0);
            }
            if (after.holding()) {
                long at = timers.currentProcessingTime() + p.gapLimitMillis();
                timers.register(at);
                w.qcTimer(at);
            }
        }
        List<QcResult> results = qc.results();
        for (int k = 0; k < results.size(); k++) { // indexed: no iterator per reading
            use(results.get(k), sensor, p, site, ctx, reading, w, out);
        }
        save(state, i, w);
    }

    /**
     * True if a reading with this time was seen among the sensor's last {@value #RECENT_TIMES};
     * else remembers it. A reading newer than the newest remembered (almost every one) is decided
     * without reading the ring, and written into it in place (a copy per rain reading was the job's
     * second-largest allocation; see {@link SensorState#copy()}).
     */
    private static boolean repeated(TelemetryRecord reading, Work w) {
        long t = reading.time().toEpochMilli();
        long[] times = w.recent;
        if (times == null) {
            w.recent(new long[] {t}, 1, t);
            return false;
        }
        if (t == w.recentNewest) {
            return true;
        }
        if (t < w.recentNewest) {
            int oldest = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] == t) {
                    return true;
                }
                if (times[i] < times[oldest]) {
                    oldest = i;
                }
            }
            if (times.length == RECENT_TIMES && t < times[oldest]) {
                return false; // older than all remembered: cannot tell, counted (documented)
            }
        }
        long newest = Math.max(t, w.recentNewest);
        if (times.length < RECENT_TIMES) {
            long[] next = java.util.Arrays.copyOf(times, times.length + 1);
            next[times.length] = t;
            w.recent(next, next.length == RECENT_TIMES ? 0 : next.length, newest);
        } else {
            times[w.recentNext] = t; // the oldest slot of the ring
            w.recent(times, (w.recentNext + 1) % RECENT_TIMES, newest);
        }
        return false;
    }

    /** Feeds one value QC released to the rules of its quantity. */
    private void use(
            QcResult r,
            SensorConfig sensor,
            QcParams p,
            SiteConfig site,
            ReadOnlyContext ctx,
            TelemetryRecord reading,
            Work w,
            Collector<AlertEvent> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        if (r.flag() == QcFlag.MISSING) {
            qcMissing.inc();
            return;
        }
        boolean late = r.reasons().contains("late");
        if (!late) {
            trackFlatLine(r, sensor, site, p, now, w, out);
        }
        if (!r.usable()) {
            qcFailed.inc();
            if (r.reasons().contains("gross_range") && reading != null) {
                reject(
                        ctx,
                        reading,
                        "value",
                        "calibrated value "
                                + r.sample().value()
                                + " outside the sensor's range (QARTOD gross range)",
                        DeadLetter.QC_GROSS_RANGE);
            }
            return;
        }
        if (r.flag() == QcFlag.SUSPECT) {
            qcSuspect.inc();
        }
        QcSample v = r.sample();
        switch (sensor.quantity()) {
            case WATER_LEVEL -> {
                if (site.flood().isPresent()) {
                    StageSample stage =
                            new StageSample(sensor.sensor(), v.value(), v.time(), v.seq());
                    evaluateRise(stage, site.flood().get(), site, now, w, out);
                    evaluateStage(stage, site.flood().get(), site, now, w, out);
                }
            }
            case WIND_SPEED -> evaluateWind(sensor, v, site, now, w, out);
            case RAIN, SOIL_MOISTURE, DISPLACEMENT, TILT ->
                    ctx.output(
                            SITE_INPUTS,
                            new SiteSample(
                                    site.site().value(),
                                    site.province(),
                                    sensor.sensor().value(),
                                    sensor.quantity(),
                                    v.value(),
                                    v.time().toEpochMilli(),
                                    v.seq(),
                                    r.flag() == QcFlag.SUSPECT));
            default -> {
                // temperature, humidity, battery: quality control only
            }
        }
    }

    private void reject(
            ReadOnlyContext ctx,
            TelemetryRecord reading,
            String field,
            String detail,
            String reason) {
        ctx.output(
                REJECTED,
                DeadLetter.ofReading(
                        reading,
                        reason,
                        field,
                        detail,
                        Instant.ofEpochMilli(ctx.currentProcessingTime())));
        rejected.inc();
    }

    private void evaluateStage(
            StageSample sample,
            FloodThresholds thresholds,
            SiteConfig site,
            long now,
            Work w,
            Collector<AlertEvent> out) {
        FloodRuleState before = w.flood == null ? FloodRuleState.EMPTY : w.flood;
        long time = sample.time().toEpochMilli();
        boolean remembered =
                w.clearedAt != SensorState.NO_TIME
                        && now - w.clearedAtSetAt <= CLEARED_AT_TTL.toMillis();
        if (before.isEmpty() && remembered && time <= w.clearedAt) {
            // Older than the reading that closed the last episode: a late re-delivery must not
            // open a phantom episode.
            staleReadings.inc();
            return;
        }
        FloodRuleResult result = rule.evaluate(before, sample, thresholds, params);
        if (result.state().isEmpty()) {
            if (!before.isEmpty()) {
                w.flood(null);
                w.clearedAt(time, now);
            }
        } else {
            if (w.clearedAt != SensorState.NO_TIME) {
                w.clearedAt(SensorState.NO_TIME, 0);
            }
            if (!result.state().equals(before)) {
                w.flood(result.state());
            }
        }
        if (result.transition().isPresent()) {
            out.collect(
                    result.transition().get().toAlertEvent(site.site(), Instant.ofEpochMilli(now)));
            alertsEmitted.inc();
        }
    }

    private void emit(
            Optional<AlertTransition> transition,
            SiteConfig site,
            long now,
            Collector<AlertEvent> out) {
        if (transition.isPresent()) {
            out.collect(transition.get().toAlertEvent(site.site(), Instant.ofEpochMilli(now)));
            alertsEmitted.inc();
        }
    }

    /**
     * Flash flood by rate of rise. Its state is a short window of samples, kept while the sensor
     * reports (a sample not newer than the window's newest is ignored by the rule).
     */
    private void evaluateRise(
            StageSample sample,
            FloodThresholds thresholds,
            SiteConfig site,
            long now,
            Work w,
            Collector<AlertEvent> out) {
        RiseState before = w.rise == null ? RiseState.EMPTY : w.rise;
        RateOfRiseRule.Result result = riseRule.evaluate(before, sample, thresholds);
        if (result.state() != before) {
            w.rise(result.state());
        }
        emit(result.transition(), site, now, out);
    }

    private void evaluateWind(
            SensorConfig sensor,
            QcSample v,
            SiteConfig site,
            long now,
            Work w,
            Collector<AlertEvent> out) {
        WindRule.State before = w.wind == null ? WindRule.State.EMPTY : w.wind;
        WindRule.Result result =
                windRule.evaluate(before, sensor.sensor(), v.value(), v.time(), v.seq());
        w.wind(result.state());
        emit(result.transition(), site, now, out);
    }

    /**
     * The stuck-sensor operator alert: raised when QC first flags a flat line (suspect, level 1),
     * escalated when the flat line fails (level 2), cleared by the first value that is not flat.
     */
    private void trackFlatLine(
            QcResult r,
            SensorConfig sensor,
            SiteConfig site,
            QcParams p,
            long now,
            Work w,
            Collector<AlertEvent> out) {
        boolean flat = r.reasons().contains("flat_line");
        StuckEpisode open = w.stuck;
        if (!flat && open == null) {
            return;
        }
        String rule = RULE_STUCK + "/" + sensor.gateway().value() + "/" + sensor.sensor().value();
        // The evidence: the value, and how many identical values make the flat line's flag.
        boolean fail = r.flag() == QcFlag.FAIL;
        Evidence evidence =
                new Evidence(
                        sensor.sensor(),
                        sensor.quantity(),
                        r.sample().value(),
                        r.sample().time(),
                        r.sample().seq(),
                        flat
                                ? (fail ? "flat_line_fail_samples" : "flat_line_suspect_samples")
                                : "value_moves",
                        flat ? (fail ? p.flatLineFail() : p.flatLineSuspect()) : 0);
        long time = r.sample().time().toEpochMilli();
        if (flat) {
            int level = fail ? 2 : 1;
            if (open == null) {
                w.stuck(
                        emitStuck(
                                out,
                                site,
                                rule,
                                new StuckEpisode(time, -1, 0),
                                AlertState.RAISED,
                                level,
                                time,
                                now,
                                evidence));
            } else if (level > open.level()) {
                w.stuck(
                        emitStuck(
                                out,
                                site,
                                rule,
                                open,
                                AlertState.UPDATED,
                                level,
                                time,
                                now,
                                evidence));
            }
        } else {
            emitStuck(out, site, rule, open, AlertState.CLEARED, open.level(), time, now, evidence);
            w.stuck(null);
        }
    }

    private StuckEpisode emitStuck(
            Collector<AlertEvent> out,
            SiteConfig site,
            String rule,
            StuckEpisode episode,
            AlertState state,
            int level,
            long time,
            long now,
            Evidence evidence) {
        int revision = episode.revision() + 1;
        Instant start = Instant.ofEpochMilli(episode.start());
        out.collect(
                new AlertEvent(
                        AlertEvent.idFor(site.site(), Hazard.DEVICE_SILENT, rule, start),
                        revision,
                        site.site(),
                        Hazard.DEVICE_SILENT,
                        rule,
                        RULE_STUCK_VERSION,
                        start,
                        RiskLevel.of(level),
                        state,
                        Instant.ofEpochMilli(time),
                        Instant.ofEpochMilli(now),
                        List.of(evidence),
                        true));
        alertsEmitted.inc();
        return new StuckEpisode(episode.start(), revision, level);
    }
}
