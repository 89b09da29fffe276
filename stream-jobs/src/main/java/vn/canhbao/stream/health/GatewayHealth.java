package vn.canhbao.stream.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.canhbao.contracts.Quantity;

/**
 * What the device-health function keeps per gateway (keyed state). Immutable: every change makes a
 * new value, so checkpoints never see a half-written one.
 *
 * @param sensors sensor id → what was last heard from it
 * @param gatewayEpisode the open "whole gateway silent" episode, if any
 * @param rain rain of the gateway's gauges in buckets of 1/12 of the rain window (5 min by default)
 *     that overlap the window, oldest first; dry buckets are not kept
 * @param lastRain the newest reading with rain, for the evidence
 * @param timer the registered processing-time timer, 0 when none
 */
public record GatewayHealth(
        Map<String, SensorWatch> sensors,
        Optional<Episode> gatewayEpisode,
        List<RainBucket> rain,
        Optional<RainSample> lastRain,
        long timer) {

    public static final GatewayHealth EMPTY =
            new GatewayHealth(Map.of(), Optional.empty(), List.of(), Optional.empty(), 0);

    public GatewayHealth {
        sensors = Map.copyOf(sensors);
        rain = List.copyOf(rain);
    }

    public boolean isEmpty() {
        return sensors.isEmpty() && gatewayEpisode.isEmpty() && rain.isEmpty() && timer == 0;
    }

    GatewayHealth with(
            Map<String, SensorWatch> sensors,
            Optional<Episode> gatewayEpisode,
            List<RainBucket> rain,
            Optional<RainSample> lastRain,
            long timer) {
        return new GatewayHealth(sensors, gatewayEpisode, rain, lastRain, timer);
    }

    /**
     * The last reading of one sensor and its silence deadline.
     *
     * @param site the site the sensor belongs to
     * @param quantity what it measures
     * @param lastSeen processing time of the last reading (ms)
     * @param lastTime newest reading time (event time, ms)
     * @param lastValue value of the newest reading
     * @param lastSeq sequence number of the newest reading
     * @param silentAfterMs silence factor × expected interval
     * @param episode the open "sensor silent" episode, if any
     */
    public record SensorWatch(
            String site,
            Quantity quantity,
            long lastSeen,
            long lastTime,
            double lastValue,
            long lastSeq,
            long silentAfterMs,
            Optional<Episode> episode) {
        long deadline() {
            return lastSeen + silentAfterMs;
        }

        SensorWatch withEpisode(Optional<Episode> e) {
            return new SensorWatch(
                    site, quantity, lastSeen, lastTime, lastValue, lastSeq, silentAfterMs, e);
        }
    }

    /**
     * An open silence episode.
     *
     * @param start event time of the last reading before the silence (ms): fixes the alert id
     * @param revision the revision last emitted
     * @param level the risk level last emitted
     */
    public record Episode(long start, int revision, int level) {}

    /** Rain fallen in {@code [start, start + bucket width)} (event time, ms), millimetres. */
    public record RainBucket(long start, double mm) {}

    /** One rain reading: sensor id, event time (ms), millimetres, sequence number. */
    public record RainSample(String sensor, long time, double mm, long seq) {}
}
