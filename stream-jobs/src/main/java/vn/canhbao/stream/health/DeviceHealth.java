package vn.canhbao.stream.health;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.gateway.SharedTimers;
import vn.canhbao.stream.health.GatewayHealth.Episode;
import vn.canhbao.stream.health.GatewayHealth.RainBuckets;
import vn.canhbao.stream.health.GatewayHealth.RainSample;
import vn.canhbao.stream.health.GatewayHealth.SensorWatch;

/**
 * Device health of one gateway (the current key of the gateway rules, {@code
 * vn.canhbao.stream.gateway.GatewayRulesFunction}): an operator alert ({@link
 * Hazard#DEVICE_SILENT}) when a configured sensor stays silent past {@code silenceFactor ×} its
 * expected interval, or when every sensor of a gateway does (then one gateway alert replaces the
 * per-sensor ones, as a gateway outage inhibits its sensors' alerts). The alert is escalated from
 * level 1 to level 2 when the gateway's rain gauges measured at least {@code rainThresholdMm} over
 * the rain window before the newest reading ("mất tín hiệu khi đang mưa lớn": the station may have
 * been destroyed). The next reading clears it.
 *
 * <ul>
 *   <li>A sensor alert needs proof that its gateway is alive: another sensor of the gateway heard
 *       after the silent sensor's deadline. So when a whole gateway goes quiet its sensors do not
 *       each raise an alert first; a single silent sensor is reported up to one expected interval
 *       later than its deadline.
 *   <li>Silence is measured in <b>processing time</b> (time of arrival at this operator): an
 *       event-time timer would never fire for a silent key whose watermark does not advance.
 *       Processing-time timers due during a downtime fire right after a restore.
 *   <li>One timer per gateway, at or before the earliest deadline of its watched sensors (rounded
 *       up to {@code timerGranularity}): a registered timer is kept while it is not later than the
 *       earliest deadline (it fires early, finds nothing due and is set again), and replaced only
 *       when a deadline comes before it. A gateway whose sensors are all in an open episode has no
 *       timer.
 *   <li>Alert ids are deterministic: {@code AlertEvent.idFor(site, DEVICE_SILENT, rule, start)}
 *       with rule {@code device.silent.sensor/<gateway>/<sensor>} or {@code
 *       device.silent.gateway/<gateway>} and start = the reading time of the last reading before
 *       the silence.
 *   <li>A sensor is watched from its first reading after its config is known; a sensor that has
 *       never reported is not (yet) reported silent. A sensor removed from its site's config is
 *       forgotten at the next timer (its open episode is cleared).
 * </ul>
 */
public final class DeviceHealth implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String RULE_SENSOR = "device.silent.sensor";
    public static final String RULE_GATEWAY = "device.silent.gateway";
    public static final String RULE_VERSION = "device-health-v1";
    static final int LEVEL_SILENT = 1;
    static final int LEVEL_SILENT_IN_RAIN = 2;

    /** The rain window is kept in this many buckets. */
    static final int RAIN_BUCKETS = 12;

    /**
     * A reading of a configured sensor, with its site and sensor config.
     *
     * @param siteId the site that lists the sensor
     * @param sensor its config (its gateway is the reading's)
     */
    public record Watched(TelemetryRecord reading, String siteId, SensorConfig sensor) {}

    private final DeviceHealthParams params;

    private transient Counter alertsEmitted;

    public DeviceHealth(DeviceHealthParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** Binds the metrics of the function that runs this. */
    public void open(RuntimeContext context) {
        alertsEmitted = context.getMetricGroup().counter("deviceAlertsEmitted");
    }

    /**
     * The readings of one gateway message: each proves its sensor (and the gateway) alive, clears
     * their open episodes, and rain may escalate the episodes of silent sensors.
     *
     * @param before the gateway's health, null for none; changed in place
     * @return the gateway's health now, null when nothing is left to keep
     */
    public GatewayHealth process(
            String gateway,
            GatewayHealth before,
            List<Watched> readings,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        if (readings.isEmpty()) {
            return before;
        }
        long now = timers.currentProcessingTime();
        if (before == null) {
            before = GatewayHealth.empty();
        }
        Map<String, SensorWatch> sensors = before.sensors(); // changed in place
        Optional<Episode> gatewayEpisode = before.gatewayEpisode();
        RainBuckets rain = before.rain();
        Optional<RainSample> lastRain = before.lastRain();
        for (Watched w : readings) {
            TelemetryRecord reading = w.reading();
            String siteId = w.siteId();
            String sensorId = reading.sensor().value();
            long time = reading.time().toEpochMilli();
            SensorWatch previous = sensors.get(sensorId);
            boolean newer = previous == null || time > previous.lastTime();
            // A late or repeated reading still proves the device is alive.
            SensorWatch watch =
                    new SensorWatch(
                            siteId,
                            reading.quantity(),
                            now,
                            newer ? time : previous.lastTime(),
                            newer ? reading.value() : previous.lastValue(),
                            newer ? reading.seq() : previous.lastSeq(),
                            w.sensor().expectedInterval().toMillis() * params.silenceFactor(),
                            Optional.empty());
            if (previous != null && previous.episode().isPresent()) {
                emit(
                        out,
                        siteId,
                        sensorRule(gateway, sensorId),
                        previous.episode().get(),
                        AlertState.CLEARED,
                        previous.episode().get().level(),
                        time,
                        now,
                        List.of(evidence(sensorId, watch)));
            }
            sensors.put(sensorId, watch);
            if (gatewayEpisode.isPresent()) {
                emit(
                        out,
                        siteId,
                        gatewayRule(gateway),
                        gatewayEpisode.get(),
                        AlertState.CLEARED,
                        gatewayEpisode.get().level(),
                        time,
                        now,
                        List.of(evidence(sensorId, watch)));
                gatewayEpisode = Optional.empty();
            }
            if (reading.quantity() == Quantity.RAIN && newer && reading.value() > 0) {
                rain = addRain(rain, time, reading.value());
                lastRain =
                        Optional.of(new RainSample(sensorId, time, reading.value(), reading.seq()));
                // Rain while other sensors are silent escalates their open episodes.
                if (anyOpenEpisode(sensors) && rainy(rain, newest(sensors))) {
                    for (Map.Entry<String, SensorWatch> e : List.copyOf(sensors.entrySet())) {
                        Optional<Episode> open = e.getValue().episode();
                        if (open.isPresent() && open.get().level() < LEVEL_SILENT_IN_RAIN) {
                            Episode up =
                                    emit(
                                            out,
                                            e.getValue().site(),
                                            sensorRule(gateway, e.getKey()),
                                            open.get(),
                                            AlertState.UPDATED,
                                            LEVEL_SILENT_IN_RAIN,
                                            time,
                                            now,
                                            List.of(
                                                    evidence(e.getKey(), e.getValue()),
                                                    rainEvidence(
                                                            rain,
                                                            lastRain.get(),
                                                            newest(sensors))));
                            sensors.put(e.getKey(), e.getValue().withEpisode(Optional.of(up)));
                        }
                    }
                }
            }
        }
        return store(
                before.set(sensors, gatewayEpisode, rain, lastRain, before.timer()), timers, now);
    }

    /**
     * A timer of the gateway fired at {@code timestamp}: if it is device health's, raise the alerts
     * of sensors (or the gateway) silent past their deadline.
     *
     * @param before the gateway's health, null for none; changed in place
     * @param sensorSites the broadcast sensor key → site id map: a sensor no longer configured is
     *     forgotten
     * @return the gateway's health now, null when nothing is left to keep
     */
    public GatewayHealth onTimer(
            String gateway,
            long timestamp,
            GatewayHealth before,
            ReadOnlyBroadcastState<String, String> sensorSites,
            SharedTimers timers,
            Collector<AlertEvent> out)
            throws Exception {
        if (before == null || before.timer() == 0 || before.timer() > timestamp) {
            return before; // another rule's timer
        }
        long now = timers.currentProcessingTime();

        Map<String, SensorWatch> sensors = new HashMap<>();
        for (Map.Entry<String, SensorWatch> e : before.sensors().entrySet()) {
            SensorWatch w = e.getValue();
            if (w.site().equals(sensorSites.get(gateway + "/" + e.getKey()))) {
                sensors.put(e.getKey(), w);
            } else if (w.episode().isPresent()) {
                // No longer configured here: forget it, closing its episode.
                emit(
                        out,
                        w.site(),
                        sensorRule(gateway, e.getKey()),
                        w.episode().get(),
                        AlertState.CLEARED,
                        w.episode().get().level(),
                        w.lastTime(),
                        now,
                        List.of(evidence(e.getKey(), w)));
            }
        }
        Optional<Episode> gatewayEpisode = before.gatewayEpisode();
        long newest = newest(sensors);
        boolean rainy = rainy(before.rain(), newest);
        int level = rainy ? LEVEL_SILENT_IN_RAIN : LEVEL_SILENT;
        List<String> silent = new ArrayList<>();
        sensors.forEach(
                (id, w) -> {
                    if (w.deadline() <= now) {
                        silent.add(id);
                    }
                });
        silent.sort(String::compareTo);

        if (!sensors.isEmpty() && silent.size() == sensors.size() && gatewayEpisode.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>();
            silent.forEach(id -> evidence.add(evidence(id, sensors.get(id))));
            if (rainy) {
                evidence.add(rainEvidence(before.rain(), before.lastRain().get(), newest));
            }
            String site = sensors.get(silent.get(0)).site();
            Episode raised =
                    emit(
                            out,
                            site,
                            gatewayRule(gateway),
                            new Episode(newest, -1, 0),
                            AlertState.RAISED,
                            level,
                            newest,
                            now,
                            evidence);
            gatewayEpisode = Optional.of(raised);
        } else if (gatewayEpisode.isEmpty()) {
            for (String id : silent) {
                SensorWatch w = sensors.get(id);
                if (w.episode().isEmpty() && gatewayAliveSince(sensors, id, w.deadline())) {
                    List<Evidence> evidence = new ArrayList<>(List.of(evidence(id, w)));
                    if (rainy) {
                        evidence.add(rainEvidence(before.rain(), before.lastRain().get(), newest));
                    }
                    Episode raised =
                            emit(
                                    out,
                                    w.site(),
                                    sensorRule(gateway, id),
                                    new Episode(w.lastTime(), -1, 0),
                                    AlertState.RAISED,
                                    level,
                                    w.lastTime(),
                                    now,
                                    evidence);
                    sensors.put(id, w.withEpisode(Optional.of(raised)));
                }
            }
        }
        // The timer that fired is gone.
        boolean keepRain = !sensors.isEmpty();
        return store(
                before.set(
                        sensors,
                        gatewayEpisode,
                        keepRain ? before.rain() : RainBuckets.NONE,
                        keepRain ? before.lastRain() : Optional.empty(),
                        0),
                timers,
                now);
    }

    /**
     * True if another sensor of the gateway was heard at or after {@code since}: the gateway is
     * alive, so the silence is the sensor's own. Without that proof a silent sensor waits (one
     * expected interval at a time) until either another sensor reports or all are silent.
     */
    private static boolean gatewayAliveSince(
            Map<String, SensorWatch> sensors, String sensor, long since) {
        for (Map.Entry<String, SensorWatch> e : sensors.entrySet()) {
            if (!e.getKey().equals(sensor) && e.getValue().lastSeen() >= since) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the one timer the state needs (deleting a superseded one). The timer is at the earliest
     * deadline of a sensor without an episode; a sensor past its deadline that waits for proof the
     * gateway is alive is looked at again one expected interval later.
     *
     * @return {@code h}, or null when it keeps nothing
     */
    private GatewayHealth store(GatewayHealth h, SharedTimers timers, long now) throws Exception {
        long next = Long.MAX_VALUE;
        if (h.gatewayEpisode().isEmpty()) {
            for (SensorWatch w : h.sensors().values()) {
                if (w.episode().isEmpty()) {
                    long due =
                            w.deadline() > now
                                    ? w.deadline()
                                    : now + w.silentAfterMs() / params.silenceFactor();
                    next = Math.min(next, due);
                }
            }
        }
        long timer = 0;
        if (next != Long.MAX_VALUE) {
            long g = params.timerGranularity().toMillis();
            timer = Math.floorDiv(next + g - 1, g) * g;
        }
        if (timer != 0 && h.timer() != 0 && h.timer() < timer) {
            // Deadlines only move later as readings arrive: the registered timer is kept, fires
            // early, finds nothing due and moves on. Moving it on every message cost a delete and
            // a register per gateway message.
            timer = h.timer();
        } else if (timer != h.timer()) {
            if (h.timer() != 0) {
                timers.delete(h.timer());
            }
            if (timer != 0) {
                timers.register(timer);
            }
        }
        h.setTimer(timer);
        return h.isEmpty() ? null : h;
    }

    private Episode emit(
            Collector<AlertEvent> out,
            String site,
            String rule,
            Episode episode,
            AlertState state,
            int level,
            long time,
            long now,
            List<Evidence> evidence) {
        int revision = episode.revision() + 1;
        SiteId siteId = SiteId.of(site);
        Instant start = Instant.ofEpochMilli(episode.start());
        out.collect(
                new AlertEvent(
                        AlertEvent.idFor(siteId, Hazard.DEVICE_SILENT, rule, start),
                        revision,
                        siteId,
                        Hazard.DEVICE_SILENT,
                        rule,
                        RULE_VERSION,
                        start,
                        RiskLevel.of(level),
                        state,
                        Instant.ofEpochMilli(time),
                        Instant.ofEpochMilli(now),
                        evidence,
                        true));
        alertsEmitted.inc();
        return new Episode(episode.start(), revision, level);
    }

    private long bucketWidth() {
        return Math.max(1, params.rainWindow().toMillis() / RAIN_BUCKETS);
    }

    private RainBuckets addRain(RainBuckets rain, long time, double mm) {
        return rain.add(time, mm, bucketWidth(), time - params.rainWindow().toMillis());
    }

    /** Rain over the window before {@code newest}, to the nearest bucket. */
    private double rainOver(RainBuckets rain, long newest) {
        return rain.over(newest - params.rainWindow().toMillis(), newest, bucketWidth());
    }

    private boolean rainy(RainBuckets rain, long newest) {
        return !rain.isEmpty() && rainOver(rain, newest) >= params.rainThresholdMm();
    }

    private Evidence rainEvidence(RainBuckets rain, RainSample last, long newest) {
        return new Evidence(
                SensorId.of(last.sensor()),
                Quantity.RAIN,
                rainOver(rain, newest),
                Instant.ofEpochMilli(last.time()),
                last.seq(),
                "rain-" + params.rainWindow().toMinutes() + "min-mm",
                params.rainThresholdMm());
    }

    private static Evidence evidence(String sensor, SensorWatch w) {
        return new Evidence(
                SensorId.of(sensor),
                w.quantity(),
                w.lastValue(),
                Instant.ofEpochMilli(w.lastTime()),
                w.lastSeq(),
                "silent-after-s",
                w.silentAfterMs() / 1000.0);
    }

    /** True if a sensor is in a silence episode (rain can escalate only those). */
    private static boolean anyOpenEpisode(Map<String, SensorWatch> sensors) {
        for (SensorWatch w : sensors.values()) {
            if (w.episode().isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static long newest(Map<String, SensorWatch> sensors) {
        long t = Long.MIN_VALUE;
        for (SensorWatch w : sensors.values()) {
            t = Math.max(t, w.lastTime());
        }
        return t;
    }

    static String sensorRule(String gateway, String sensor) {
        return RULE_SENSOR + "/" + gateway + "/" + sensor;
    }

    static String gatewayRule(String gateway) {
        return RULE_GATEWAY + "/" + gateway;
    }
}
