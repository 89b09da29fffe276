package vn.canhbao.stream;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.dlq.DeadLetterCounter;
import vn.canhbao.stream.flood.SiteConfigState;
import vn.canhbao.stream.gateway.GatewayRulesFunction;
import vn.canhbao.stream.serde.AlertEventSerializer;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryPackSerializer;
import vn.canhbao.stream.site.SiteHazardFunction;
import vn.canhbao.stream.site.SiteSample;

/**
 * The hazard detection pipeline: telemetry and site configuration in, alert transitions (and dead
 * letters) out. Sources and sinks are given, so tests can run the same wiring on other connectors.
 *
 * <pre>
 * telemetry packs (one per gateway message; event time = the pack's earliest reading time,
 *                  bounded out-of-orderness, idleness)
 *   → keyBy gateway ───┐
 * site config ─ broadcast ─┴→ GatewayRulesFunction (QC, flood stage, rate of rise, wind, stuck
 *                          │                         sensor; device health)
 *                          │        ├→ alerts ──────────────────────────────────────→ alert sink
 *                          │        ├→ site inputs → keyBy site → SiteHazardFunction ─→ alerts ─┘
 *                          │        └→ unconfigured / rejected → dead letters → DLQ sink
 * </pre>
 *
 * One keyed exchange per gateway message feeds every per-sensor and per-gateway rule (the rules of
 * a sensor and the health of its gateway live under the same key); only quality-controlled rain and
 * ground-movement values cross a second exchange, to their site. Every stateful operator has a
 * stable {@code uid} so savepoints survive code changes.
 */
public final class HazardJob {
    public static final String UID_TELEMETRY_SOURCE = "telemetry-source";
    public static final String UID_SITE_CONFIG_SOURCE = "site-config-source";

    /**
     * The gateway rules. (Until 2026-11-22 the sensor rules, keyed by sensor, were {@code
     * sensor-rules} and device health {@code device-health}; their savepoint state does not carry
     * over to this layout.)
     */
    public static final String UID_GATEWAY_RULES = "gateway-rules";

    public static final String UID_SITE_RULES = "site-rules";
    public static final String UID_ALERT_SINK = "alert-sink";
    public static final String UID_DEAD_LETTERS = "dead-letters";
    public static final String UID_DEAD_LETTER_SINK = "dead-letter-sink";

    private final Source<TelemetryPack, ?, ?> telemetry;
    private final Source<SiteConfig, ?, ?> siteConfigs;
    private final Sink<AlertEvent> alerts;
    private final Optional<Sink<DeadLetter>> deadLetters;
    private final HazardJobConfig config;

    /** A job whose dead letters are counted but not written anywhere (tests, benchmarks). */
    public HazardJob(
            Source<TelemetryPack, ?, ?> telemetry,
            Source<SiteConfig, ?, ?> siteConfigs,
            Sink<AlertEvent> alerts,
            HazardJobConfig config) {
        this(telemetry, siteConfigs, alerts, Optional.empty(), config);
    }

    /**
     * @param deadLetters where readings the job cannot use go ({@code cb.telemetry.dlq.v1} with the
     *     reason in headers, see {@code DeadLetterSink})
     */
    public HazardJob(
            Source<TelemetryPack, ?, ?> telemetry,
            Source<SiteConfig, ?, ?> siteConfigs,
            Sink<AlertEvent> alerts,
            Optional<Sink<DeadLetter>> deadLetters,
            HazardJobConfig config) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.siteConfigs = Objects.requireNonNull(siteConfigs, "siteConfigs");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The streams the job builds, for further wiring and tests. */
    public record Streams(
            DataStream<AlertEvent> alerts,
            DataStream<TelemetryRecord> unconfiguredReadings,
            DataStream<DeadLetter> deadLetters) {}

    /** Adds the pipeline to {@code env}; the caller executes it. */
    public Streams build(StreamExecutionEnvironment env) {
        WatermarkStrategy<TelemetryPack> telemetryWatermarks =
                WatermarkStrategy.<TelemetryPack>forBoundedOutOfOrderness(
                                config.maxOutOfOrderness())
                        .withTimestampAssigner((p, previous) -> earliest(p))
                        .withIdleness(config.idleness());
        DataStream<TelemetryPack> packs =
                env.fromSource(
                                telemetry,
                                telemetryWatermarks,
                                "telemetry",
                                TelemetryPackSerializer.TYPE_INFO)
                        .uid(UID_TELEMETRY_SOURCE);

        // Config records carry no reading time; the stream goes idle so it never holds back
        // the telemetry watermark. (No operator waits for watermarks: every alert is emitted
        // while processing the reading that causes it.)
        WatermarkStrategy<SiteConfig> configWatermarks =
                WatermarkStrategy.<SiteConfig>forMonotonousTimestamps()
                        .withTimestampAssigner((c, previous) -> c.updatedAt().toEpochMilli())
                        .withIdleness(config.idleness());
        BroadcastStream<SiteConfig> sites =
                env.fromSource(
                                siteConfigs,
                                configWatermarks,
                                "site-config",
                                JsonTypeInfo.of(SiteConfig.class))
                        .uid(UID_SITE_CONFIG_SOURCE)
                        .broadcast(SiteConfigState.SITES, SiteConfigState.SENSOR_SITES);

        SingleOutputStreamOperator<AlertEvent> gatewayAlerts =
                packs.keyBy(p -> p.gateway().value(), Types.STRING)
                        .connect(sites)
                        .process(
                                new GatewayRulesFunction(
                                        FloodStageTable.DEFAULT_RESOURCE,
                                        config.floodRule(),
                                        config.rateOfRise(),
                                        config.pendingLimits(),
                                        Optional.of(config.deviceHealth())),
                                AlertEventSerializer.TYPE_INFO)
                        .name("gateway-rules")
                        .uid(UID_GATEWAY_RULES);

        SingleOutputStreamOperator<AlertEvent> siteAlerts =
                gatewayAlerts
                        .getSideOutput(GatewayRulesFunction.SITE_INPUTS)
                        .keyBy(SiteSample::site, Types.STRING)
                        .process(
                                new SiteHazardFunction(config.siteRules()),
                                AlertEventSerializer.TYPE_INFO)
                        .name("site-rules")
                        .uid(UID_SITE_RULES);

        DataStream<AlertEvent> allAlerts = gatewayAlerts.union(siteAlerts);
        allAlerts.sinkTo(alerts).name("alerts").uid(UID_ALERT_SINK);

        DataStream<TelemetryRecord> unconfigured =
                gatewayAlerts.getSideOutput(GatewayRulesFunction.UNCONFIGURED);
        DataStream<DeadLetter> letters =
                unconfigured
                        .map(new Unconfigured(), JsonTypeInfo.of(DeadLetter.class))
                        .name("unconfigured-to-dead-letter")
                        .union(gatewayAlerts.getSideOutput(GatewayRulesFunction.REJECTED))
                        .map(new DeadLetterCounter(), JsonTypeInfo.of(DeadLetter.class))
                        .name("dead-letters")
                        .uid(UID_DEAD_LETTERS);
        deadLetters.ifPresent(
                sink -> letters.sinkTo(sink).name("dead-letter-sink").uid(UID_DEAD_LETTER_SINK));
        return new Streams(allAlerts, unconfigured, letters);
    }

    /** The event time of a pack: its earliest reading, so the watermark never passes a reading. */
    static long earliest(TelemetryPack pack) {
        long t = Long.MAX_VALUE;
        for (TelemetryPack.PackedReading r : pack.readings()) {
            t = Math.min(t, r.time().toEpochMilli());
        }
        return t;
    }

    /** A reading no site config lists, as a dead letter. */
    static final class Unconfigured implements MapFunction<TelemetryRecord, DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public DeadLetter map(TelemetryRecord r) {
            return new DeadLetter(
                    r,
                    DeadLetter.UNCONFIGURED,
                    "sensor",
                    "no site config lists sensor "
                            + r.sensorKey()
                            + " within the pending buffer's limits",
                    Instant.now());
        }
    }
}
