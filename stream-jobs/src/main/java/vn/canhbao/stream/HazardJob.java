package vn.canhbao.stream;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.stream.flood.FloodStageFunction;
import vn.canhbao.stream.flood.SiteConfigState;
import vn.canhbao.stream.health.DeviceHealthFunction;
import vn.canhbao.stream.serde.JsonTypeInfo;
import vn.canhbao.stream.serde.TelemetryTypeInfo;

/**
 * The hazard detection pipeline: telemetry and site configuration in, alert transitions out.
 * Sources and sink are given, so tests can run the same wiring on other connectors.
 *
 * <pre>
 * telemetry (event time = reading time, bounded out-of-orderness, idleness)
 *   → keyBy sensor key ─┐
 * site config ─ broadcast ─┴→ FloodStageFunction ─┬→ alert sink
 *                          │                  └→ side output: readings of unconfigured sensors
 *   → keyBy gateway ───────┴→ DeviceHealthFunction ┘
 * </pre>
 *
 * Every stateful operator has a stable {@code uid} so savepoints survive code changes.
 */
public final class HazardJob {
    public static final String UID_TELEMETRY_SOURCE = "telemetry-source";
    public static final String UID_SITE_CONFIG_SOURCE = "site-config-source";
    public static final String UID_FLOOD_STAGE = "flood-stage";
    public static final String UID_DEVICE_HEALTH = "device-health";
    public static final String UID_ALERT_SINK = "alert-sink";

    private final Source<TelemetryRecord, ?, ?> telemetry;
    private final Source<SiteConfig, ?, ?> siteConfigs;
    private final Sink<AlertEvent> alerts;
    private final HazardJobConfig config;

    public HazardJob(
            Source<TelemetryRecord, ?, ?> telemetry,
            Source<SiteConfig, ?, ?> siteConfigs,
            Sink<AlertEvent> alerts,
            HazardJobConfig config) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.siteConfigs = Objects.requireNonNull(siteConfigs, "siteConfigs");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The streams the job builds, for further wiring (e.g. a dead-letter sink) and tests. */
    public record Streams(
            DataStream<AlertEvent> alerts, DataStream<TelemetryRecord> unconfiguredReadings) {}

    /** Adds the pipeline to {@code env}; the caller executes it. */
    public Streams build(StreamExecutionEnvironment env) {
        WatermarkStrategy<TelemetryRecord> telemetryWatermarks =
                WatermarkStrategy.<TelemetryRecord>forBoundedOutOfOrderness(
                                config.maxOutOfOrderness())
                        .withTimestampAssigner((r, previous) -> r.time().toEpochMilli())
                        .withIdleness(config.idleness());
        DataStream<TelemetryRecord> readings =
                env.fromSource(
                                telemetry,
                                telemetryWatermarks,
                                "telemetry",
                                TelemetryTypeInfo.INSTANCE)
                        .uid(UID_TELEMETRY_SOURCE);

        // Config records carry no reading time; the stream goes idle so it never holds back
        // the telemetry watermark.
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

        SingleOutputStreamOperator<AlertEvent> floodAlerts =
                readings.keyBy(TelemetryRecord::sensorKey, Types.STRING)
                        .connect(sites)
                        .process(
                                new FloodStageFunction(
                                        FloodStageTable.DEFAULT_RESOURCE,
                                        config.floodRule(),
                                        config.pendingLimits()),
                                JsonTypeInfo.of(AlertEvent.class))
                        .name("flood-stage")
                        .uid(UID_FLOOD_STAGE);

        SingleOutputStreamOperator<AlertEvent> deviceAlerts =
                readings.keyBy(r -> r.gateway().value(), Types.STRING)
                        .connect(sites)
                        .process(
                                new DeviceHealthFunction(config.deviceHealth()),
                                JsonTypeInfo.of(AlertEvent.class))
                        .name("device-health")
                        .uid(UID_DEVICE_HEALTH);

        DataStream<AlertEvent> allAlerts = floodAlerts.union(deviceAlerts);
        allAlerts.sinkTo(alerts).name("alerts").uid(UID_ALERT_SINK);
        return new Streams(allAlerts, floodAlerts.getSideOutput(FloodStageFunction.UNCONFIGURED));
    }
}
