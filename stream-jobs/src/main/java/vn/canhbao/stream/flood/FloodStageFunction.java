package vn.canhbao.stream.flood;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
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
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Quantity;
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
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryTypeInfo;

/**
 * Runs the {@code hazards} flood-stage rule on water-level readings, keyed by sensor key, with site
 * configuration (sensor → site, calibration, alarm levels) from broadcast state.
 *
 * <ul>
 *   <li>A site config replaces the one held only if its {@code version} is higher, so repeats and
 *       stale versions from the compacted topic are ignored; a change applies to the next reading,
 *       without restart.
 *   <li>Readings of a sensor whose config has not arrived yet are buffered in keyed state ({@link
 *       PendingLimits}) and replayed, in order, when the config arrives. Readings that overflow the
 *       buffer or outlive it go to {@link #UNCONFIGURED} and are counted in the {@code
 *       unconfiguredReadings} metric.
 *   <li>Keyed state left per sensor: the rule state only while it matters (an open episode or a
 *       recent sample at or above BĐ I); the pending buffer only while the config is missing. A
 *       processing-time timer is set when a buffer starts and fires once.
 * </ul>
 */
public final class FloodStageFunction
        extends KeyedBroadcastProcessFunction<String, TelemetryRecord, SiteConfig, AlertEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FloodStageFunction.class);

    /** Readings of sensors that no site config lists. */
    public static final OutputTag<TelemetryRecord> UNCONFIGURED =
            new OutputTag<>("unconfigured-readings", TelemetryTypeInfo.INSTANCE);

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

    static {
        CLEARED_AT.enableTimeToLive(StateTtlConfig.newBuilder(CLEARED_AT_TTL).build());
    }

    /** The flash-flood rate-of-rise rule's samples and lifecycle, per water-level sensor. */
    static final ValueStateDescriptor<RiseState> RISE_STATE =
            new ValueStateDescriptor<>("rise-state", JsonTypeInfo.of(RiseState.class));

    static final ListStateDescriptor<TelemetryRecord> PENDING =
            new ListStateDescriptor<>("pending-readings", TelemetryTypeInfo.INSTANCE);

    private final String ruleTableResource;
    private final FloodRuleParams params;
    private final PendingLimits pendingLimits;

    private transient FloodStageRule rule;
    private transient ValueState<FloodRuleState> ruleState;
    private transient ListState<TelemetryRecord> pending;
    private transient ValueState<Long> clearedAt;
    private transient ValueState<RiseState> riseState;
    private transient RateOfRiseRule riseRule;
    private transient Counter staleReadings;
    private transient Counter alertsEmitted;
    private transient Counter unconfiguredReadings;
    private transient Counter bufferedReadings;
    private transient Counter staleConfigs;

    /**
     * @param ruleTableResource classpath resource of the flood stage table, e.g. {@link
     *     FloodStageTable#DEFAULT_RESOURCE}
     */
    public FloodStageFunction(
            String ruleTableResource, FloodRuleParams params, PendingLimits pendingLimits) {
        this.ruleTableResource = Objects.requireNonNull(ruleTableResource, "ruleTableResource");
        this.params = Objects.requireNonNull(params, "params");
        this.pendingLimits = Objects.requireNonNull(pendingLimits, "pendingLimits");
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new FloodStageRule(FloodStageTable.fromClasspath(ruleTableResource));
        ruleState = getRuntimeContext().getState(RULE_STATE);
        pending = getRuntimeContext().getListState(PENDING);
        clearedAt = getRuntimeContext().getState(CLEARED_AT);
        riseState = getRuntimeContext().getState(RISE_STATE);
        // The hazards defaults (RateOfRiseParams is not Serializable, so it is built here).
        riseRule = new RateOfRiseRule(RateOfRiseParams.defaults());
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
        alertsEmitted = getRuntimeContext().getMetricGroup().counter("alertsEmitted");
        unconfiguredReadings = getRuntimeContext().getMetricGroup().counter("unconfiguredReadings");
        bufferedReadings = getRuntimeContext().getMetricGroup().counter("bufferedReadings");
        staleConfigs = getRuntimeContext().getMetricGroup().counter("staleSiteConfigs");
    }

    @Override
    public void processElement(
            TelemetryRecord reading, ReadOnlyContext ctx, Collector<AlertEvent> out)
            throws Exception {
        ReadOnlyBroadcastState<String, String> sensorSites =
                ctx.getBroadcastState(SiteConfigState.SENSOR_SITES);
        String siteId = sensorSites.get(reading.sensorKey());
        if (siteId == null) {
            buffer(reading, ctx);
            return;
        }
        SiteConfig site = ctx.getBroadcastState(SiteConfigState.SITES).get(siteId);
        evaluate(reading, site, ctx.currentProcessingTime(), out);
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
        Set<String> keys = applied.get();
        LOG.info("site {} config version {} applied", config.site().value(), config.version());

        long now = ctx.currentProcessingTime();
        ctx.applyToKeyedState(
                PENDING,
                (key, buffered) -> {
                    if (!keys.contains(key)) {
                        return;
                    }
                    List<TelemetryRecord> readings = new ArrayList<>();
                    buffered.get().forEach(readings::add);
                    buffered.clear();
                    for (TelemetryRecord r : readings) {
                        evaluate(r, config, now, out);
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
        if (given > 0) {
            unconfiguredReadings.inc(given);
            LOG.warn(
                    "{} readings of sensor {}, which no site config lists, sent to the unconfigured output",
                    given,
                    ctx.getCurrentKey());
        }
    }

    private void buffer(TelemetryRecord reading, ReadOnlyContext ctx) throws Exception {
        List<TelemetryRecord> held = new ArrayList<>();
        pending.get().forEach(held::add);
        if (held.isEmpty()) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.currentProcessingTime() + pendingLimits.maxAge().toMillis());
        }
        held.add(reading);
        if (held.size() > pendingLimits.maxReadings()) {
            TelemetryRecord oldest = held.remove(0);
            ctx.output(UNCONFIGURED, oldest);
            unconfiguredReadings.inc();
            pending.update(held);
        } else {
            pending.add(reading);
        }
        bufferedReadings.inc();
    }

    private void evaluate(
            TelemetryRecord reading, SiteConfig site, long now, Collector<AlertEvent> out)
            throws Exception {
        if (reading.quantity() != Quantity.WATER_LEVEL || site.flood().isEmpty()) {
            return;
        }
        Optional<SensorConfig> sensor = site.sensor(reading.sensor());
        if (sensor.isEmpty() || !sensor.get().gateway().equals(reading.gateway())) {
            return;
        }
        FloodThresholds thresholds = site.flood().get();
        StageSample sample = StageSample.of(reading.reading(), sensor.get());
        evaluateRise(sample, thresholds, site, now, out);
        FloodRuleState before = Optional.ofNullable(ruleState.value()).orElse(FloodRuleState.EMPTY);
        long time = reading.time().toEpochMilli();
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
            AlertEvent event =
                    result.transition().get().toAlertEvent(site.site(), Instant.ofEpochMilli(now));
            out.collect(event);
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
}
