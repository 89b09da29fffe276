package vn.canhbao.stream.sensor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
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
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryRecord;
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
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryTypeInfo;
import vn.canhbao.stream.site.SiteSample;
import vn.canhbao.stream.site.SiteSampleTypeInfo;

/**
 * The per-sensor rules, keyed by sensor key ({@code gateway/sensor}), with site configuration
 * (sensor → site, calibration, alarm levels) from broadcast state. For each reading: calibrate →
 * {@code hazards} QARTOD quality control → for each value QC releases as usable (pass or suspect):
 *
 * <ul>
 *   <li>water level: flood stage against the site's BĐ I/II/III ({@code flood.stage}) and flash
 *       flood by rate of rise ({@code flash_flood.rate_of_rise});
 *   <li>wind speed: Beaufort 10-minute mean and gust ({@code wind.beaufort});
 *   <li>rain, soil moisture, displacement, tilt: sent on to the per-site rules as {@link
 *       SiteSample}s ({@link #SITE_INPUTS}).
 * </ul>
 *
 * Quality control holds a step larger than the spike limit for one sample (a lone spike fails, a
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
 *   <li>Readings of a sensor whose config has not arrived yet are buffered in keyed state ({@link
 *       PendingLimits}) and replayed, in order, when the config arrives. Readings that overflow the
 *       buffer or outlive it go to {@link #UNCONFIGURED} and the {@code unconfiguredReadings}
 *       metric.
 *   <li>Keyed state per sensor: QC state (about 70 bytes) while it reports; the flood rule state
 *       only while it matters; the rate-of-rise window and the wind bins while the sensor reports;
 *       the buffer only while the config is missing; a stuck-sensor episode only while open.
 *       Timers: one for a buffer, one for a held QC value; each is deleted or fires once.
 *   <li>Every alert is emitted while processing the reading that caused it (no event-time timers,
 *       no waiting for watermarks).
 * </ul>
 */
public final class SensorRulesFunction
        extends KeyedBroadcastProcessFunction<String, TelemetryRecord, SiteConfig, AlertEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SensorRulesFunction.class);

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

    static final ValueStateDescriptor<FloodRuleState> RULE_STATE =
            new ValueStateDescriptor<>("flood-rule-state", JsonTypeInfo.of(FloodRuleState.class));

    /**
     * Reading time of the reading whose evaluation emptied the rule state (an episode closed), kept
     * for {@link #CLEARED_AT_TTL} so that older readings delivered late are not evaluated on an
     * empty state.
     */
    static final ValueStateDescriptor<Long> CLEARED_AT =
            new ValueStateDescriptor<>("flood-cleared-at", Types.LONG);

    static final Duration CLEARED_AT_TTL = Duration.ofHours(24);

    /** Per-sensor state kept while a sensor reports is dropped this long after its last reading. */
    static final Duration SENSOR_STATE_TTL = Duration.ofDays(2);

    /** The flash-flood rate-of-rise rule's samples and lifecycle, per water-level sensor. */
    static final ValueStateDescriptor<RiseState> RISE_STATE =
            new ValueStateDescriptor<>("rise-state", JsonTypeInfo.of(RiseState.class));

    static final ValueStateDescriptor<QcState> QC_STATE =
            new ValueStateDescriptor<>("qc-state", QcStateSerializer.TYPE_INFO);

    /** The processing time of the timer that releases a held QC value. */
    static final ValueStateDescriptor<Long> QC_TIMER =
            new ValueStateDescriptor<>("qc-timer", Types.LONG);

    static final ValueStateDescriptor<WindRule.State> WIND_STATE =
            new ValueStateDescriptor<>("wind-state", JsonTypeInfo.of(WindRule.State.class));

    static final ValueStateDescriptor<StuckEpisode> STUCK =
            new ValueStateDescriptor<>("stuck-episode", JsonTypeInfo.of(StuckEpisode.class));

    /**
     * Times of the last {@value #RECENT_TIMES} readings of a site-input sensor, to drop repeats.
     */
    static final ValueStateDescriptor<long[]> RECENT =
            new ValueStateDescriptor<>(
                    "recent-times",
                    org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                            .LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    static final int RECENT_TIMES = 32;

    static final ListStateDescriptor<TelemetryRecord> PENDING =
            new ListStateDescriptor<>("pending-readings", TelemetryTypeInfo.INSTANCE);

    /** How many readings {@link #PENDING} holds (so appending does not read the list). */
    static final ValueStateDescriptor<Integer> PENDING_COUNT =
            new ValueStateDescriptor<>("pending-count", Types.INT);

    static {
        // No incremental cleanup: on the heap backend it walks state entries on every access
        // (a sixth of the job's time in a profile). Expired values are dropped when read and
        // left out of every (full, heap) checkpoint.
        CLEARED_AT.enableTimeToLive(ttl(CLEARED_AT_TTL));
        StateTtlConfig sensorTtl = ttl(SENSOR_STATE_TTL);
        QC_STATE.enableTimeToLive(sensorTtl);
        RISE_STATE.enableTimeToLive(sensorTtl);
        WIND_STATE.enableTimeToLive(sensorTtl);
        RECENT.enableTimeToLive(sensorTtl);
    }

    static StateTtlConfig ttl(Duration d) {
        return StateTtlConfig.newBuilder(d)
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .build();
    }

    /**
     * An open stuck-sensor episode.
     *
     * @param start time of the first flat-line value (epoch millis): fixes the alert id
     * @param revision the revision last emitted
     * @param level the level last emitted (1 suspect, 2 fail)
     */
    public record StuckEpisode(long start, int revision, int level) {}

    private final String ruleTableResource;
    private final FloodRuleParams params;
    private final RateOfRiseParams riseParams;
    private final PendingLimits pendingLimits;

    private transient FloodStageRule rule;
    private transient RateOfRiseRule riseRule;
    private transient WindRule windRule;
    private transient ValueState<FloodRuleState> ruleState;
    private transient ListState<TelemetryRecord> pending;
    private transient ValueState<Integer> pendingCount;
    private transient ValueState<Long> clearedAt;
    private transient ValueState<RiseState> riseState;
    private transient ValueState<QcState> qcState;
    private transient ValueState<Long> qcTimer;
    private transient ValueState<WindRule.State> windState;
    private transient ValueState<StuckEpisode> stuck;
    private transient ValueState<long[]> recent;
    private transient Counter duplicates;
    private transient Map<SensorConfig, QcParams> qcParams;
    private transient Map<String, Configured> configured;
    private transient Map<String, Resolved> resolved;
    private transient SensorConfig lastSensor;
    private transient QcParams lastQc;

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

    /**
     * @param ruleTableResource classpath resource of the flood stage table, e.g. {@link
     *     FloodStageTable#DEFAULT_RESOURCE}
     */
    public SensorRulesFunction(
            String ruleTableResource,
            FloodRuleParams params,
            RateOfRiseParams riseParams,
            PendingLimits pendingLimits) {
        this.ruleTableResource = Objects.requireNonNull(ruleTableResource, "ruleTableResource");
        this.params = Objects.requireNonNull(params, "params");
        this.riseParams = Objects.requireNonNull(riseParams, "riseParams");
        this.pendingLimits = Objects.requireNonNull(pendingLimits, "pendingLimits");
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new FloodStageRule(FloodStageTable.fromClasspath(ruleTableResource));
        riseRule = new RateOfRiseRule(riseParams);
        windRule = WindRule.defaults();
        ruleState = getRuntimeContext().getState(RULE_STATE);
        pending = getRuntimeContext().getListState(PENDING);
        pendingCount = getRuntimeContext().getState(PENDING_COUNT);
        clearedAt = getRuntimeContext().getState(CLEARED_AT);
        riseState = getRuntimeContext().getState(RISE_STATE);
        qcState = getRuntimeContext().getState(QC_STATE);
        qcTimer = getRuntimeContext().getState(QC_TIMER);
        windState = getRuntimeContext().getState(WIND_STATE);
        stuck = getRuntimeContext().getState(STUCK);
        recent = getRuntimeContext().getState(RECENT);
        qcParams = new IdentityHashMap<>();
        configured = new HashMap<>();
        resolved = new HashMap<>();
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
    public void processElement(
            TelemetryRecord reading, ReadOnlyContext ctx, Collector<AlertEvent> out)
            throws Exception {
        // The key is the reading's sensor key (its hash already computed for the keyed state);
        // the two broadcast look-ups are cached until this instance applies another config.
        String key = ctx.getCurrentKey();
        Resolved r = resolved.get(key);
        if (r == null || r.epoch() != configEpoch) {
            String siteId = ctx.getBroadcastState(SiteConfigState.SENSOR_SITES).get(key);
            SiteConfig site =
                    siteId == null
                            ? null
                            : ctx.getBroadcastState(SiteConfigState.SITES).get(siteId);
            if (resolved.size() > 100_000) {
                resolved.clear();
            }
            r = new Resolved(siteId, site, configEpoch);
            resolved.put(key, r);
        }
        if (r.siteId() == null) {
            buffer(reading, ctx);
            return;
        }
        evaluate(key, reading, r.site(), side(ctx), ctx.timerService(), out);
    }

    @Override
    public void processBroadcastElement(SiteConfig config, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        Optional<Set<String>> applied =
                SiteConfigState.apply(
                        config,
                        ctx.getBroadcastState(SiteConfigState.SITES),
                        ctx.getBroadcastState(SiteConfigState.SENSOR_SITES));
        if (applied.isEmpty()) {
            staleConfigs.inc();
            return;
        }
        configEpoch++;
        Set<String> keys = applied.get();
        LOG.info("site {} config version {} applied", config.site().value(), config.version());

        ctx.applyToKeyedState(
                PENDING,
                (key, buffered) -> {
                    if (!keys.contains(key)) {
                        return;
                    }
                    List<TelemetryRecord> readings = new ArrayList<>();
                    buffered.get().forEach(readings::add);
                    buffered.clear();
                    pendingCount.clear();
                    for (TelemetryRecord r : readings) {
                        // No timer service here: a value QC holds during the replay is confirmed
                        // by the next reading, or released when the buffer's timer fires.
                        evaluate(key, r, config, side(ctx), null, out);
                    }
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        // The buffer outlived its limit: this sensor is not configured anywhere.
        int given = 0;
        for (TelemetryRecord r : pending.get()) {
            ctx.output(UNCONFIGURED, r);
            given++;
        }
        pending.clear();
        pendingCount.clear();
        if (given > 0) {
            unconfiguredReadings.inc(given);
            LOG.warn(
                    "{} readings of sensor {}, which no site config lists, sent to the unconfigured output",
                    given,
                    ctx.getCurrentKey());
        }
        // A value QC held for its next sample, which never came: release it as suspect.
        Long due = qcTimer.value();
        QcState qs = qcState.value();
        if (qs != null && qs.holding() && (due == null || due <= timestamp)) {
            qcTimer.clear();
            String siteId =
                    ctx.getBroadcastState(SiteConfigState.SENSOR_SITES).get(ctx.getCurrentKey());
            SiteConfig site =
                    siteId == null
                            ? null
                            : ctx.getBroadcastState(SiteConfigState.SITES).get(siteId);
            Optional<SensorConfig> sensor =
                    site == null ? Optional.empty() : sensorOf(site, ctx.getCurrentKey());
            if (sensor.isEmpty()) {
                qcState.clear();
                return;
            }
            QcParams p = qcParamsFor(sensor.get());
            // QC judges in event time; the timer stands for "no sample within the gap limit".
            Instant expiredAt =
                    Instant.ofEpochMilli(qs.heldTime()).plus(p.gapLimit()).plusMillis(1);
            Optional<QualityControl.Output> released = QualityControl.expire(qs, expiredAt, p);
            if (released.isPresent()) {
                qcState.update(released.get().state());
                for (QcResult r : released.get().results()) {
                    use(r, sensor.get(), site, side(ctx), null, out);
                }
            }
        } else if (due != null && due <= timestamp) {
            qcTimer.clear();
        }
    }

    /** Side outputs and processing time, from whichever context the function is called in. */
    interface Side {
        <X> void output(OutputTag<X> tag, X value);

        long currentProcessingTime();
    }

    private static Side side(ReadOnlyContext ctx) {
        return new Side() {
            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                ctx.output(tag, value);
            }

            @Override
            public long currentProcessingTime() {
                return ctx.currentProcessingTime();
            }
        };
    }

    private static Side side(Context ctx) {
        return new Side() {
            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                ctx.output(tag, value);
            }

            @Override
            public long currentProcessingTime() {
                return ctx.currentProcessingTime();
            }
        };
    }

    private static Optional<SensorConfig> sensorOf(SiteConfig site, String sensorKey) {
        for (SensorConfig s : site.sensors()) {
            if (SiteConfigState.sensorKey(s).equals(sensorKey)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Appends to the sensor's buffer in O(1) (a count beside the list: reading the whole list per
     * reading made buffering quadratic); only an overflowing buffer is rewritten.
     */
    private void buffer(TelemetryRecord reading, ReadOnlyContext ctx) throws Exception {
        Integer held = pendingCount.value();
        int count = held == null ? 0 : held;
        if (count == 0) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.currentProcessingTime() + pendingLimits.maxAge().toMillis());
        }
        if (count + 1 > pendingLimits.maxReadings()) {
            List<TelemetryRecord> all = new ArrayList<>(count + 1);
            pending.get().forEach(all::add);
            all.add(reading);
            TelemetryRecord oldest = all.remove(0);
            ctx.output(UNCONFIGURED, oldest);
            unconfiguredReadings.inc();
            pending.update(all);
            pendingCount.update(all.size());
        } else {
            pending.add(reading);
            pendingCount.update(count + 1);
        }
        bufferedReadings.inc();
    }

    /** QC limits per sensor config instance (configs are immutable; a new one gets new limits). */
    private QcParams qcParamsFor(SensorConfig sensor) {
        if (sensor == lastSensor) {
            return lastQc;
        }
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
     * Quality control, then the rules for each value it releases.
     *
     * @param timers the keyed timer service, {@code null} where there is none (a config's replay)
     */
    private void evaluate(
            String key,
            TelemetryRecord reading,
            SiteConfig site,
            Side ctx,
            TimerService timers,
            Collector<AlertEvent> out)
            throws Exception {
        SensorConfig sensor = sensorConfig(key, site, reading);
        if (sensor == null) {
            return;
        }
        if (sensor.quantity() != reading.quantity()) {
            reject(
                    ctx,
                    reading,
                    "quantity",
                    "configured as " + sensor.quantity().wireName(),
                    DeadLetter.QUANTITY_MISMATCH);
            return;
        }
        if (SiteSample.isSiteInput(sensor.quantity()) && repeated(reading)) {
            // Rain is summed: a reading delivered twice must not count twice.
            duplicates.inc();
            return;
        }
        QcParams p = qcParamsFor(sensor);
        QcState before = Optional.ofNullable(qcState.value()).orElse(QcState.EMPTY);
        QcSample sample =
                new QcSample(sensor.calibrate(reading.value()), reading.time(), reading.seq());
        QualityControl.Output qc = QualityControl.evaluate(before, sample, p);
        QcState after = qc.state();
        if (after != before) {
            qcState.update(after);
        }
        boolean newHold =
                after.holding() && (!before.holding() || before.heldTime() != after.heldTime());
        if (timers != null && (newHold || (before.holding() && !after.holding()))) {
            Long due = qcTimer.value();
            if (due != null) {
                timers.deleteProcessingTimeTimer(due);
                qcTimer.clear();
            }
            if (after.holding()) {
                long at = timers.currentProcessingTime() + p.gapLimit().toMillis();
                timers.registerProcessingTimeTimer(at);
                qcTimer.update(at);
            }
        }
        for (QcResult r : qc.results()) {
            use(r, sensor, site, ctx, reading, out);
        }
    }

    /** A sensor key's site id and site config as the broadcast state held them at {@code epoch}. */
    private record Resolved(String siteId, SiteConfig site, long epoch) {}

    /** A site config (the broadcast state's instance) and one of its sensors. */
    private record Configured(SiteConfig site, SensorConfig sensor, QcParams qc) {}

    /**
     * The reading's sensor config if {@code site} lists it with the reading's gateway, else null.
     * Cached per sensor key while the broadcast state holds the same config instance.
     */
    private SensorConfig sensorConfig(String key, SiteConfig site, TelemetryRecord reading) {
        Configured c = configured.get(key);
        if (c == null || c.site() != site) {
            Optional<SensorConfig> found = site.sensor(reading.sensor());
            SensorConfig sensor =
                    found.isPresent() && found.get().gateway().equals(reading.gateway())
                            ? found.get()
                            : null;
            if (configured.size() > 100_000) {
                configured.clear();
            }
            c = new Configured(site, sensor, sensor == null ? null : qcParamsFor(sensor));
            configured.put(key, c);
        }
        // The QC limits of this reading's sensor, for the calls that follow (QC, flat line).
        lastSensor = c.sensor();
        lastQc = c.qc();
        return c.sensor();
    }

    /** True if a reading with this time was seen among the sensor's last few; else remembers it. */
    private boolean repeated(TelemetryRecord reading) throws Exception {
        long t = reading.time().toEpochMilli();
        long[] times = recent.value();
        if (times == null) {
            recent.update(new long[] {t});
            return false;
        }
        int oldest = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] == t) {
                return true;
            }
            if (times[i] < times[oldest]) {
                oldest = i;
            }
        }
        long[] next;
        if (times.length < RECENT_TIMES) {
            next = java.util.Arrays.copyOf(times, times.length + 1);
            next[times.length] = t;
        } else if (t > times[oldest]) {
            next = times.clone();
            next[oldest] = t;
        } else {
            return false; // older than all remembered: cannot tell, counted (documented)
        }
        recent.update(next);
        return false;
    }

    /** Feeds one value QC released to the rules of its quantity. */
    private void use(
            QcResult r,
            SensorConfig sensor,
            SiteConfig site,
            Side ctx,
            TelemetryRecord reading,
            Collector<AlertEvent> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        if (r.flag() == QcFlag.MISSING) {
            qcMissing.inc();
            return;
        }
        boolean late = r.reasons().contains("late");
        if (!late) {
            trackFlatLine(r, sensor, site, qcParamsFor(sensor), now, out);
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
                    evaluateRise(stage, site.flood().get(), site, now, out);
                    evaluateStage(stage, site.flood().get(), site, now, out);
                }
            }
            case WIND_SPEED -> evaluateWind(sensor, v, site, now, out);
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
            Side ctx, TelemetryRecord reading, String field, String detail, String reason) {
        ctx.output(
                REJECTED,
                new DeadLetter(
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
            Collector<AlertEvent> out)
            throws Exception {
        FloodRuleState before = Optional.ofNullable(ruleState.value()).orElse(FloodRuleState.EMPTY);
        long time = sample.time().toEpochMilli();
        Long cleared = before.isEmpty() ? clearedAt.value() : null;
        if (cleared != null && time <= cleared) {
            // Older than the reading that closed the last episode: a late re-delivery must not
            // open a phantom episode.
            staleReadings.inc();
            return;
        }
        FloodRuleResult result = rule.evaluate(before, sample, thresholds, params);
        if (result.state().isEmpty()) {
            if (!before.isEmpty()) {
                ruleState.clear();
                clearedAt.update(time);
            }
        } else {
            if (cleared != null) {
                clearedAt.clear();
            }
            if (!result.state().equals(before)) {
                ruleState.update(result.state());
            }
        }
        if (result.transition().isPresent()) {
            out.collect(
                    result.transition().get().toAlertEvent(site.site(), Instant.ofEpochMilli(now)));
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
            Collector<AlertEvent> out)
            throws Exception {
        RiseState before = Optional.ofNullable(riseState.value()).orElse(RiseState.EMPTY);
        RateOfRiseRule.Result result = riseRule.evaluate(before, sample, thresholds);
        if (result.state() != before) {
            riseState.update(result.state());
        }
        if (result.transition().isPresent()) {
            out.collect(
                    result.transition().get().toAlertEvent(site.site(), Instant.ofEpochMilli(now)));
            alertsEmitted.inc();
        }
    }

    private void evaluateWind(
            SensorConfig sensor, QcSample v, SiteConfig site, long now, Collector<AlertEvent> out)
            throws Exception {
        WindRule.State before = Optional.ofNullable(windState.value()).orElse(WindRule.State.EMPTY);
        WindRule.Result result =
                windRule.evaluate(before, sensor.sensor(), v.value(), v.time(), v.seq());
        windState.update(result.state());
        if (result.transition().isPresent()) {
            out.collect(
                    result.transition().get().toAlertEvent(site.site(), Instant.ofEpochMilli(now)));
            alertsEmitted.inc();
        }
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
            Collector<AlertEvent> out)
            throws Exception {
        boolean flat = r.reasons().contains("flat_line");
        StuckEpisode open = stuck.value();
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
            int level = r.flag() == QcFlag.FAIL ? 2 : 1;
            if (open == null) {
                stuck.update(
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
                stuck.update(
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
            stuck.clear();
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
