package vn.canhbao.stream.gateway;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;
import vn.canhbao.stream.health.GatewayHealth;

/**
 * Everything the gateway rules keep for one gateway, as one keyed value: each sensor's rule state
 * ({@link SensorState}) with the processing time it last reported, the gateway's device health, and
 * how many of its sensors have readings waiting for their config. One keyed-state look-up per
 * gateway message reaches all of it, where a state per sensor plus one for health cost a look-up
 * per reading and one more per message (and the job's busiest thread is bound by such look-ups:
 * each is a cache miss with thousands of gateways).
 *
 * <p><b>Mutable</b>: the gateway rules change it in place and write it back with {@code
 * ValueState.update}. That is safe because its serializer ({@link GatewayStateSerializer}) hands
 * out deep copies: the heap state backend copies a value before handing it out while a running
 * snapshot still needs the old one, and RocksDB reads a fresh value each time. The {@link
 * SensorState}s are immutable and shared by copies; the health is copied.
 *
 * <p>Sensors keep the index they were added at until {@link #sweep} drops some. Beside each sensor
 * the value caches what the broadcast state said about it ({@link Resolved}, not serialized): a
 * value restored from a checkpoint or read from RocksDB resolves again.
 */
public final class GatewayState {
    /** Above this many sensors a look-up goes through a hash index instead of a scan. */
    static final int SCAN_LIMIT = 8;

    private String[] ids;
    private SensorState[] sensors;
    private long[] seen;
    private int size;
    private GatewayHealth health;
    private int pendingSensors;

    /** Not serialized: per sensor, what the broadcast state said (see {@link Resolved}). */
    private Resolved[] resolved;

    /** Not serialized: sensor id → index, only with more than {@link #SCAN_LIMIT} sensors. */
    private Map<String, Integer> index;

    /** Not serialized: where the next scan starts (a gateway lists its sensors in one order). */
    private int next;

    /** An empty value. */
    public GatewayState() {
        this(new String[0], new SensorState[0], new long[0], null, 0);
    }

    /**
     * @param ids sensor ids (no repeats), one per rule state
     * @param sensors rule state per sensor, same order
     * @param seen processing time (ms) of each sensor's last reading, same order
     * @param health the gateway's device health, null when none
     * @param pendingSensors how many sensors have a pending buffer
     */
    GatewayState(
            String[] ids,
            SensorState[] sensors,
            long[] seen,
            GatewayHealth health,
            int pendingSensors) {
        if (ids.length != sensors.length || ids.length != seen.length) {
            throw new IllegalArgumentException(
                    "sensors: "
                            + ids.length
                            + " ids, "
                            + sensors.length
                            + " states and "
                            + seen.length
                            + " times");
        }
        if (pendingSensors < 0) {
            throw new IllegalArgumentException("pendingSensors: negative " + pendingSensors);
        }
        this.ids = ids;
        this.sensors = sensors;
        this.seen = seen;
        this.size = ids.length;
        this.health = health;
        this.pendingSensors = pendingSensors;
        this.resolved = new Resolved[ids.length];
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(ids[i], "ids");
            Objects.requireNonNull(sensors[i], "sensors");
        }
        if (size > SCAN_LIMIT) {
            buildIndex();
        }
    }

    /**
     * A deep copy: the arrays, the parts of sensor states changed in place ({@link
     * SensorState#copy()}) and the health are copied; the rest of the sensor states is immutable
     * and shared.
     */
    GatewayState copy() {
        SensorState[] copied = new SensorState[size];
        for (int i = 0; i < size; i++) {
            copied[i] = sensors[i].copy();
        }
        GatewayState c =
                new GatewayState(
                        Arrays.copyOf(ids, size),
                        copied,
                        Arrays.copyOf(seen, size),
                        health == null ? null : health.copy(),
                        pendingSensors);
        System.arraycopy(resolved, 0, c.resolved, 0, size);
        return c;
    }

    public int size() {
        return size;
    }

    /** The index of {@code sensorId}, or -1. */
    public int indexOf(String sensorId) {
        if (index != null) {
            Integer i = index.get(sensorId);
            return i == null ? -1 : i;
        }
        // Packs list a gateway's sensors in the same order, so the guess is usually right.
        for (int k = 0, i = next; k < size; k++, i = i + 1 == size ? 0 : i + 1) {
            String id = ids[i];
            if (id == sensorId || id.equals(sensorId)) {
                next = i + 1 == size ? 0 : i + 1;
                return i;
            }
        }
        return -1;
    }

    /** Adds a sensor with an empty rule state; returns its index. */
    public int add(String sensorId, long now) {
        if (size == ids.length) {
            int capacity = Math.max(2, size * 2);
            ids = Arrays.copyOf(ids, capacity);
            sensors = Arrays.copyOf(sensors, capacity);
            seen = Arrays.copyOf(seen, capacity);
            resolved = Arrays.copyOf(resolved, capacity);
        }
        int i = size++;
        ids[i] = Objects.requireNonNull(sensorId, "sensorId");
        sensors[i] = SensorState.EMPTY;
        seen[i] = now;
        resolved[i] = null;
        if (index != null) {
            index.put(sensorId, i);
        } else if (size > SCAN_LIMIT) {
            buildIndex();
        }
        return i;
    }

    /**
     * Marks a sensor as reporting at {@code now}: sensor {@code i}, or a new sensor {@code
     * sensorId} when {@code i} is -1 ({@link #indexOf} found none). Returns its index.
     */
    public int touch(int i, String sensorId, long now) {
        if (i < 0) {
            return add(sensorId, now);
        }
        seen[i] = now;
        return i;
    }

    public String id(int i) {
        return ids[i];
    }

    public SensorState sensor(int i) {
        return sensors[i];
    }

    public void sensor(int i, SensorState state) {
        sensors[i] = Objects.requireNonNull(state, "state");
    }

    /** Processing time of the sensor's last reading. */
    public long seen(int i) {
        return seen[i];
    }

    public void seen(int i, long now) {
        seen[i] = now;
    }

    /** The processing time of the least recent sensor's last reading; MAX_VALUE without sensors. */
    public long oldestSeen() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            oldest = Math.min(oldest, seen[i]);
        }
        return oldest;
    }

    /** What the broadcast state said about sensor {@code i} at {@code epoch}, or null. */
    Resolved resolved(int i, long epoch) {
        Resolved r = resolved[i];
        return r != null && r.epoch() == epoch ? r : null;
    }

    void resolved(int i, Resolved r) {
        resolved[i] = r;
    }

    /** Device health, null when there is none. */
    public GatewayHealth health() {
        return health;
    }

    public void health(GatewayHealth health) {
        this.health = health;
    }

    /** How many sensors of the gateway have readings waiting for their config. */
    public int pendingSensors() {
        return pendingSensors;
    }

    public void pendingSensors(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("pendingSensors: negative " + n);
        }
        this.pendingSensors = n;
    }

    /**
     * Drops the sensors {@code drop} accepts (by index); the others keep their order but may move.
     *
     * @return how many were dropped
     */
    public int sweep(IntPredicate drop) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (drop.test(i)) {
                continue;
            }
            ids[kept] = ids[i];
            sensors[kept] = sensors[i];
            seen[kept] = seen[i];
            resolved[kept] = resolved[i];
            kept++;
        }
        int dropped = size - kept;
        if (dropped > 0) {
            Arrays.fill(ids, kept, size, null);
            Arrays.fill(sensors, kept, size, null);
            Arrays.fill(resolved, kept, size, null);
            size = kept;
            next = 0;
            index = null;
            if (size > SCAN_LIMIT) {
                buildIndex();
            }
        }
        return dropped;
    }

    /** True if nothing is kept: the keyed value can be cleared. */
    public boolean isEmpty() {
        return size == 0 && (health == null || health.isEmpty()) && pendingSensors == 0;
    }

    private void buildIndex() {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put(ids[i], i);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GatewayState other) || other.size != size) {
            return false;
        }
        return Arrays.equals(ids, 0, size, other.ids, 0, size)
                && Arrays.equals(sensors, 0, size, other.sensors, 0, size)
                && Arrays.equals(seen, 0, size, other.seen, 0, size)
                && Objects.equals(health, other.health)
                && pendingSensors == other.pendingSensors;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(health, pendingSensors);
        for (int i = 0; i < size; i++) {
            h = 31 * h + ids[i].hashCode();
            h = 31 * h + sensors[i].hashCode();
            h = 31 * h + Long.hashCode(seen[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("GatewayState[");
        for (int i = 0; i < size; i++) {
            s.append(ids[i])
                    .append("@")
                    .append(seen[i])
                    .append("=")
                    .append(sensors[i])
                    .append(", ");
        }
        return s.append("health=")
                .append(health)
                .append(", pendingSensors=")
                .append(pendingSensors)
                .append("]")
                .toString();
    }
}
