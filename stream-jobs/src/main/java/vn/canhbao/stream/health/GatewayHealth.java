package vn.canhbao.stream.health;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.Quantity;

/**
 * What device health keeps per gateway, inside the gateway rules' keyed value ({@code
 * vn.canhbao.stream.gateway.GatewayState}). <b>Mutable</b>: every gateway message updates it in
 * place (copying the sensor map per message was a fifth of device health's cost). That is safe
 * because the keyed value's serializer makes deep copies ({@link #copy}): the heap state backend
 * copies a value before handing it out while a snapshot still needs the old one, and RocksDB reads
 * a fresh object each time. It is written as JSON inside that value.
 */
public final class GatewayHealth {
    private Map<String, SensorWatch> sensors;
    private Optional<Episode> gatewayEpisode;
    private RainBuckets rain;
    private Optional<RainSample> lastRain;
    private long timer;

    /**
     * @param sensors sensor id → what was last heard from it (copied)
     * @param gatewayEpisode the open "whole gateway silent" episode, if any
     * @param rain rain of the gateway's gauges in buckets of 1/12 of the rain window (5 min by
     *     default) that overlap the window
     * @param lastRain the newest reading with rain, for the evidence
     * @param timer the registered processing-time timer, 0 when none
     */
    @JsonCreator
    public GatewayHealth(
            @JsonProperty("sensors") Map<String, SensorWatch> sensors,
            @JsonProperty("gatewayEpisode") Optional<Episode> gatewayEpisode,
            @JsonProperty("rain") RainBuckets rain,
            @JsonProperty("lastRain") Optional<RainSample> lastRain,
            @JsonProperty("timer") long timer) {
        this.sensors = new HashMap<>(Objects.requireNonNull(sensors, "sensors"));
        this.gatewayEpisode = Objects.requireNonNull(gatewayEpisode, "gatewayEpisode");
        this.rain = Objects.requireNonNull(rain, "rain");
        this.lastRain = Objects.requireNonNull(lastRain, "lastRain");
        this.timer = timer;
    }

    /** A new, empty value (there is no shared empty instance: values change in place). */
    public static GatewayHealth empty() {
        return new GatewayHealth(Map.of(), Optional.empty(), RainBuckets.NONE, Optional.empty(), 0);
    }

    /**
     * A deep copy: a new sensor map and rain buckets (the sensor watches and episodes are immutable
     * and shared).
     */
    public GatewayHealth copy() {
        return new GatewayHealth(sensors, gatewayEpisode, rain.copy(), lastRain, timer);
    }

    /** The sensor map itself, not a copy: callers change it in place. */
    @JsonProperty("sensors")
    public Map<String, SensorWatch> sensors() {
        return sensors;
    }

    @JsonProperty("gatewayEpisode")
    public Optional<Episode> gatewayEpisode() {
        return gatewayEpisode;
    }

    @JsonProperty("rain")
    public RainBuckets rain() {
        return rain;
    }

    @JsonProperty("lastRain")
    public Optional<RainSample> lastRain() {
        return lastRain;
    }

    @JsonProperty("timer")
    public long timer() {
        return timer;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return sensors.isEmpty() && gatewayEpisode.isEmpty() && rain.isEmpty() && timer == 0;
    }

    /** Sets every field (the map is taken as it is, not copied) and returns this value. */
    GatewayHealth set(
            Map<String, SensorWatch> sensors,
            Optional<Episode> gatewayEpisode,
            RainBuckets rain,
            Optional<RainSample> lastRain,
            long timer) {
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.gatewayEpisode = Objects.requireNonNull(gatewayEpisode, "gatewayEpisode");
        this.rain = Objects.requireNonNull(rain, "rain");
        this.lastRain = Objects.requireNonNull(lastRain, "lastRain");
        this.timer = timer;
        return this;
    }

    void setTimer(long timer) {
        this.timer = timer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayHealth other
                && sensors.equals(other.sensors)
                && gatewayEpisode.equals(other.gatewayEpisode)
                && rain.equals(other.rain)
                && lastRain.equals(other.lastRain)
                && timer == other.timer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensors, gatewayEpisode, rain, lastRain, timer);
    }

    @Override
    public String toString() {
        return "GatewayHealth[sensors="
                + sensors
                + ", gatewayEpisode="
                + gatewayEpisode
                + ", rain="
                + rain
                + ", lastRain="
                + lastRain
                + ", timer="
                + timer
                + "]";
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

    /**
     * Rain fallen per bucket: {@code mm[i]} in {@code [starts[i], starts[i] + width)} (event time,
     * ms), oldest first; only buckets that overlap the rain window and had rain. Two arrays rather
     * than an object per bucket: every rain reading reads and rewrites them. <b>Changed in
     * place</b> by {@link #add} when the reading's bucket is kept and none is dropped (most rain
     * readings); {@link GatewayHealth#copy()} copies the arrays.
     */
    public record RainBuckets(long[] starts, double[] mm) {
        public static final RainBuckets NONE = new RainBuckets(new long[0], new double[0]);

        public RainBuckets {
            Objects.requireNonNull(starts, "starts");
            Objects.requireNonNull(mm, "mm");
            if (starts.length != mm.length) {
                throw new IllegalArgumentException(
                        "mm: expected one value per bucket start ("
                                + starts.length
                                + "), got "
                                + mm.length);
            }
        }

        public boolean isEmpty() {
            return starts.length == 0;
        }

        /**
         * These buckets with {@code mm} added to the bucket of {@code time}, without the buckets
         * that ended at or before {@code from}.
         */
        RainBuckets add(long time, double add, long width, long from) {
            long start = Math.floorDiv(time, width) * width;
            int first = 0;
            while (first < starts.length && starts[first] + width <= from) {
                first++;
            }
            int at = Arrays.binarySearch(starts, first, starts.length, start);
            int n = starts.length - first;
            if (at >= 0 && first == 0) {
                mm[at] += add;
                return this;
            }
            if (at >= 0) {
                long[] s = Arrays.copyOfRange(starts, first, starts.length);
                double[] m = Arrays.copyOfRange(mm, first, starts.length);
                m[at - first] += add;
                return new RainBuckets(s, m);
            }
            int ins = -at - 1 - first;
            long[] s = new long[n + 1];
            double[] m = new double[n + 1];
            System.arraycopy(starts, first, s, 0, ins);
            System.arraycopy(mm, first, m, 0, ins);
            s[ins] = start;
            m[ins] = add;
            System.arraycopy(starts, first + ins, s, ins + 1, n - ins);
            System.arraycopy(mm, first + ins, m, ins + 1, n - ins);
            return new RainBuckets(s, m);
        }

        /** These buckets in arrays of their own. */
        RainBuckets copy() {
            return isEmpty() ? this : new RainBuckets(starts.clone(), mm.clone());
        }

        /** Rain in the buckets that overlap {@code (from, newest]}. */
        double over(long from, long newest, long width) {
            double total = 0;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] + width > from && starts[i] <= newest) {
                    total += mm[i];
                }
            }
            return total;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RainBuckets other
                    && Arrays.equals(starts, other.starts)
                    && Arrays.equals(mm, other.mm);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(starts) + Arrays.hashCode(mm);
        }

        @Override
        public String toString() {
            return "RainBuckets" + Arrays.toString(starts) + Arrays.toString(mm);
        }
    }

    /** One rain reading: sensor id, event time (ms), millimetres, sequence number. */
    public record RainSample(String sensor, long time, double mm, long seq) {}
}
