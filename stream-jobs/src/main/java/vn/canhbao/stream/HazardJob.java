package vn.canhbao.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.stream.dlq.DeadLetter;
import vn.canhbao.stream.dlq.DeadLetterCounter;
import vn.canhbao.stream.dlq.DeadLetterSplit;
import vn.canhbao.stream.dlq.DecodedWatermarks;
import vn.canhbao.stream.flood.SiteConfigState;
import vn.canhbao.stream.gateway.GatewayRulesFunction;
import vn.canhbao.stream.kafka.ContractDeserializer;
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
 *                          │        └→ unconfigured / rejected ─┬→ dead letters → DLQ sink
 * undecodable input records (either source) ──────────────────────┘
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

    private final Input<TelemetryPack> telemetry;
    private final Input<SiteConfig> siteConfigs;
    private final Sink<AlertEvent> alerts;
    private final Optional<Sink<DeadLetter>> deadLetters;
    private final HazardJobConfig config;

    /**
     * A job on sources that emit only decoded records, whose dead letters are counted but not
     * written anywhere (tests, benchmarks).
     */
    public HazardJob(
            Source<TelemetryPack, ?, ?> telemetry,
            Source<SiteConfig, ?, ?> siteConfigs,
            Sink<AlertEvent> alerts,
            HazardJobConfig config) {
        this(
                new Input.Decoded<>(telemetry),
                new Input.Decoded<>(siteConfigs),
                alerts,
                Optional.empty(),
                config);
    }

    /**
     * The production job: sources that emit each input record decoded ({@link Either#Right}) or,
     * when it broke its contract, as a dead letter ({@link Either#Left}, see {@code
     * ContractDeserializer}); every dead letter, undecodable input or unusable reading, goes to
     * {@code deadLetters}.
     *
     * @param deadLetters where input the job cannot use goes ({@code cb.telemetry.dlq.v1} with the
     *     reason in headers, see {@code DeadLetterSink})
     */
    public HazardJob(
            Source<Either<DeadLetter, TelemetryPack>, ?, ?> telemetry,
            Source<Either<DeadLetter, SiteConfig>, ?, ?> siteConfigs,
            Sink<AlertEvent> alerts,
            Sink<DeadLetter> deadLetters,
            HazardJobConfig config) {
        this(
                new Input.OrDeadLetters<>(telemetry),
                new Input.OrDeadLetters<>(siteConfigs),
                alerts,
                Optional.of(deadLetters),
                config);
    }

    private HazardJob(
            Input<TelemetryPack> telemetry,
            Input<SiteConfig> siteConfigs,
            Sink<AlertEvent> alerts,
            Optional<Sink<DeadLetter>> deadLetters,
            HazardJobConfig config) {
        this.telemetry = telemetry;
        this.siteConfigs = siteConfigs;
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A source of {@code T}: decoded records only, or decoded records and dead letters. */
    private sealed interface Input<T> {
        record Decoded<T>(Source<T, ?, ?> source) implements Input<T> {
            public Decoded {
                Objects.requireNonNull(source, "source");
            }
        }

        record OrDeadLetters<T>(Source<Either<DeadLetter, T>, ?, ?> source) implements Input<T> {
            public OrDeadLetters {
                Objects.requireNonNull(source, "source");
            }
        }
    }

    /**
     * Adds {@code input} to {@code env} as the source {@code name} with the {@code uid}; its dead
     * letters, if any, are added to {@code rejects}, split off by an operator chained to it.
     */
    private static <T> DataStream<T> fromSource(
            StreamExecutionEnvironment env,
            Input<T> input,
            WatermarkStrategy<T> watermarks,
            String name,
            String uid,
            TypeInformation<T> type,
            List<DataStream<DeadLetter>> rejects) {
        if (input instanceof Input.Decoded<T> d) {
            return env.fromSource(d.source(), watermarks, name, type).uid(uid);
        }
        Input.OrDeadLetters<T> o = (Input.OrDeadLetters<T>) input;
        SingleOutputStreamOperator<T> decoded =
                env.fromSource(
                                o.source(),
                                new DecodedWatermarks<>(watermarks),
                                name,
                                ContractDeserializer.orDeadLetter(type))
                        .uid(uid)
                        .process(new DeadLetterSplit<>(), type)
                        .name(name + "-dead-letter-split")
                        .uid(uid + "-dead-letter-split");
        rejects.add(decoded.getSideOutput(DeadLetterSplit.DEAD_LETTERS));
        return decoded;
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
        List<DataStream<DeadLetter>> undecodable = new ArrayList<>();
        DataStream<TelemetryPack> packs =
                fromSource(
                        env,
                        telemetry,
                        telemetryWatermarks,
                        "telemetry",
                        UID_TELEMETRY_SOURCE,
                        TelemetryPackSerializer.TYPE_INFO,
                        undecodable);

        // Config records carry no reading time; the stream goes idle so it never holds back
        // the telemetry watermark. (No operator waits for watermarks: every alert is emitted
        // while processing the reading that causes it.)
        WatermarkStrategy<SiteConfig> configWatermarks =
                WatermarkStrategy.<SiteConfig>forMonotonousTimestamps()
                        .withTimestampAssigner((c, previous) -> c.updatedAt().toEpochMilli())
                        .withIdleness(config.idleness());
        BroadcastStream<SiteConfig> sites =
                fromSource(
                                env,
                                siteConfigs,
                                configWatermarks,
                                "site-config",
                                UID_SITE_CONFIG_SOURCE,
                                JsonTypeInfo.of(SiteConfig.class),
                                undecodable)
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
        DataStream<DeadLetter> rejected =
                unconfigured
                        .map(new Unconfigured(), JsonTypeInfo.of(DeadLetter.class))
                        .name("unconfigured-to-dead-letter")
                        .union(gatewayAlerts.getSideOutput(GatewayRulesFunction.REJECTED));
        for (DataStream<DeadLetter> u : undecodable) {
            rejected = rejected.union(u);
        }
        DataStream<DeadLetter> letters =
                rejected.map(new DeadLetterCounter(), JsonTypeInfo.of(DeadLetter.class))
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
            return DeadLetter.ofReading(
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
