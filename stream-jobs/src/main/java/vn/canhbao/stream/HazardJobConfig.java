package vn.canhbao.stream;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import vn.canhbao.hazards.flood.FloodRuleParams;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.health.DeviceHealthParams;
import vn.canhbao.stream.site.SiteRuleSettings;

/**
 * Everything the hazard job can be told, validated at construction.
 *
 * @param kafkaBootstrapServers Kafka {@code host:port[,host:port]}
 * @param groupId consumer group of the telemetry and site-config sources (default {@code
 *     cb-hazard-job})
 * @param telemetryStart where a new consumer group starts on {@code cb.telemetry.v1}; a group with
 *     committed offsets, or a restore from a checkpoint, continues where it was (default {@link
 *     TelemetryStart#EARLIEST})
 * @param checkpointInterval how often state and source offsets are checkpointed (default 10 s)
 * @param checkpointDirectory where checkpoints go (a file or object-store URI); empty keeps them in
 *     the JobManager's memory, enough for the local runner
 * @param parallelism operator parallelism (default 1)
 * @param maxOutOfOrderness watermark delay behind the newest reading time (default 30 s)
 * @param idleness a telemetry split with no data for this long stops holding back the watermark
 *     (default 1 min)
 * @param bufferTimeout network buffer flush interval; low for alert latency (default 10 ms)
 * @param floodRule persistence and hysteresis of the flood-stage rule
 * @param pendingLimits bounds of the buffer for readings that arrive before their config
 * @param deviceHealth when silent sensors and gateways raise operator alerts
 * @param stateBackend where keyed state lives (default {@link StateBackend#HASHMAP}; {@code
 *     ROCKSDB} for state larger than the heap, with incremental checkpoints)
 * @param rateOfRise the flash-flood rate-of-rise rule (hazards defaults: 30 min window, 0.3 / 0.6 /
 *     1.0 m/h, floor BĐ I − 1 m)
 * @param siteRules per-site settings of the heavy-rain, Article 46 and landslide rules
 */
public record HazardJobConfig(
        String kafkaBootstrapServers,
        String groupId,
        TelemetryStart telemetryStart,
        Duration checkpointInterval,
        Optional<String> checkpointDirectory,
        int parallelism,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration bufferTimeout,
        FloodRuleParams floodRule,
        PendingLimits pendingLimits,
        DeviceHealthParams deviceHealth,
        StateBackend stateBackend,
        RateOfRiseParams rateOfRise,
        SiteRuleSettings siteRules) {

    /** Where a consumer group without committed offsets starts reading telemetry. */
    public enum TelemetryStart {
        EARLIEST,
        LATEST
    }

    /** Where keyed state lives between checkpoints. */
    public enum StateBackend {
        /** On the JVM heap: fastest; state must fit in the TaskManager's heap. */
        HASHMAP,
        /** In embedded RocksDB on local disk: state larger than memory, incremental checkpoints. */
        ROCKSDB
    }

    public HazardJobConfig {
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "kafkaBootstrapServers: expected host:port (got "
                            + (kafkaBootstrapServers == null
                                    ? "nothing"
                                    : "\"" + kafkaBootstrapServers + "\"")
                            + ")");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException(
                    "groupId: expected a consumer group id (got nothing)");
        }
        Objects.requireNonNull(telemetryStart, "telemetryStart");
        Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
        Objects.requireNonNull(floodRule, "floodRule");
        Objects.requireNonNull(pendingLimits, "pendingLimits");
        Objects.requireNonNull(deviceHealth, "deviceHealth");
        Objects.requireNonNull(stateBackend, "stateBackend");
        Objects.requireNonNull(rateOfRise, "rateOfRise");
        Objects.requireNonNull(siteRules, "siteRules");
        requirePositive(checkpointInterval, "checkpointInterval");
        requirePositive(idleness, "idleness");
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException(
                    "maxOutOfOrderness: expected zero or more (got " + maxOutOfOrderness + ")");
        }
        Objects.requireNonNull(bufferTimeout, "bufferTimeout");
        if (bufferTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "bufferTimeout: expected zero or more (got " + bufferTimeout + ")");
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException(
                    "parallelism: expected 1 to 1024 (got " + parallelism + ")");
        }
    }

    /** The defaults, with the given Kafka bootstrap servers. */
    public static HazardJobConfig defaults(String kafkaBootstrapServers) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                "cb-hazard-job",
                TelemetryStart.EARLIEST,
                Duration.ofSeconds(10),
                Optional.empty(),
                1,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMillis(10),
                FloodRuleParams.defaults(),
                PendingLimits.defaults(),
                DeviceHealthParams.defaults(),
                StateBackend.HASHMAP,
                RateOfRiseParams.defaults(),
                SiteRuleSettings.defaults());
    }

    /**
     * Reads the config from {@code key=value} settings (e.g. {@code --key=value} program
     * arguments); missing keys take the defaults. Keys: {@code kafka.bootstrap.servers} (required),
     * {@code group.id}, {@code telemetry.start} ({@code earliest|latest}), {@code
     * checkpoint.interval}, {@code checkpoint.dir}, {@code parallelism}, {@code
     * watermark.out-of-orderness}, {@code watermark.idleness}, {@code buffer.timeout}, {@code
     * flood.persistence.k}, {@code flood.persistence.n}, {@code flood.deadband-metres}, {@code
     * flood.clear-time}, {@code pending.max-readings}, {@code pending.max-age}, {@code
     * device.silence-factor}, {@code device.timer-granularity}, {@code device.rain-window}, {@code
     * device.rain-threshold-mm}, {@code state.backend} ({@code hashmap|rocksdb}), {@code
     * flash-flood.window}, {@code flash-flood.rise-m-per-h} (e.g. {@code 0.3,0.6,1.0}), {@code
     * flash-flood.floor-metres}, {@code art46.zone.<site>} ({@code low|medium|high|very_high}; site
     * {@code default} for all), {@code heavy-rain.terrain.<site>} ({@code
     * plains|midland_mountain}). Durations are ISO-8601 ({@code PT10S}).
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static HazardJobConfig fromSettings(Map<String, String> s) {
        HazardJobConfig d = defaults(s.getOrDefault("kafka.bootstrap.servers", ""));
        FloodRuleParams f = d.floodRule();
        DeviceHealthParams h = d.deviceHealth();
        return new HazardJobConfig(
                d.kafkaBootstrapServers(),
                s.getOrDefault("group.id", d.groupId()),
                get(
                        s,
                        "telemetry.start",
                        v -> TelemetryStart.valueOf(v.toUpperCase(Locale.ROOT)),
                        d.telemetryStart()),
                get(s, "checkpoint.interval", Duration::parse, d.checkpointInterval()),
                Optional.ofNullable(s.get("checkpoint.dir")),
                get(s, "parallelism", Integer::parseInt, d.parallelism()),
                get(s, "watermark.out-of-orderness", Duration::parse, d.maxOutOfOrderness()),
                get(s, "watermark.idleness", Duration::parse, d.idleness()),
                get(s, "buffer.timeout", Duration::parse, d.bufferTimeout()),
                new FloodRuleParams(
                        get(s, "flood.persistence.k", Integer::parseInt, f.persistenceK()),
                        get(s, "flood.persistence.n", Integer::parseInt, f.persistenceN()),
                        get(s, "flood.deadband-metres", Double::parseDouble, f.deadbandMetres()),
                        get(s, "flood.clear-time", Duration::parse, f.clearTime())),
                new PendingLimits(
                        get(
                                s,
                                "pending.max-readings",
                                Integer::parseInt,
                                d.pendingLimits().maxReadings()),
                        get(s, "pending.max-age", Duration::parse, d.pendingLimits().maxAge())),
                new DeviceHealthParams(
                        get(s, "device.silence-factor", Integer::parseInt, h.silenceFactor()),
                        get(s, "device.timer-granularity", Duration::parse, h.timerGranularity()),
                        get(s, "device.rain-window", Duration::parse, h.rainWindow()),
                        get(
                                s,
                                "device.rain-threshold-mm",
                                Double::parseDouble,
                                h.rainThresholdMm())),
                get(
                        s,
                        "state.backend",
                        v -> StateBackend.valueOf(v.toUpperCase(Locale.ROOT)),
                        d.stateBackend()),
                riseFromSettings(s, d.rateOfRise()),
                SiteRuleSettings.fromSettings(s));
    }

    private static RateOfRiseParams riseFromSettings(Map<String, String> s, RateOfRiseParams r) {
        return new RateOfRiseParams(
                get(s, "flash-flood.window", Duration::parse, r.window()),
                r.minPoints(),
                get(
                        s,
                        "flash-flood.rise-m-per-h",
                        v ->
                                java.util.Arrays.stream(v.split(","))
                                        .map(x -> Double.parseDouble(x.trim()))
                                        .toList(),
                        r.riseMetresPerHour()),
                r.deadbandFraction(),
                r.floorBelowAlarm1Metres(),
                get(
                        s,
                        "flash-flood.floor-metres",
                        v -> java.util.OptionalDouble.of(Double.parseDouble(v)),
                        r.floorMetres()),
                r.lifecycle());
    }

    public HazardJobConfig withRateOfRise(RateOfRiseParams rateOfRise) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withSiteRules(SiteRuleSettings siteRules) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withGroupId(String groupId) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withParallelism(int parallelism) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withCheckpointInterval(Duration checkpointInterval) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withFloodRule(FloodRuleParams floodRule) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withPendingLimits(PendingLimits pendingLimits) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withDeviceHealth(DeviceHealthParams deviceHealth) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withStateBackend(
            StateBackend stateBackend, Optional<String> checkpointDirectory) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    public HazardJobConfig withBufferTimeout(Duration bufferTimeout) {
        return new HazardJobConfig(
                kafkaBootstrapServers,
                groupId,
                telemetryStart,
                checkpointInterval,
                checkpointDirectory,
                parallelism,
                maxOutOfOrderness,
                idleness,
                bufferTimeout,
                floodRule,
                pendingLimits,
                deviceHealth,
                stateBackend,
                rateOfRise,
                siteRules);
    }

    private static <T> T get(
            Map<String, String> s, String key, Function<String, T> parse, T fallback) {
        String v = s.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    key + ": cannot parse \"" + v + "\" (" + e.getMessage() + ")", e);
        }
    }

    private static void requirePositive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    field + ": expected a positive duration (got " + d + ")");
        }
    }
}
