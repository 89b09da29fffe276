package vn.canhbao.edge.health;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.AdapterRejection;

/**
 * What the sensors did lately: last reading time per sensor, rejected inputs per adapter and
 * reason. Thread-safe; fed by the agent's sample sink.
 *
 * <p>Rejections are keyed {@code field: reason} (the reason never contains the rejected value, so
 * keys stay few); at most {@link #MAX_REASONS} keys per adapter, the rest counted under {@code
 * other}.
 */
public final class SensorActivity {
    public static final int MAX_REASONS = 32;

    private final Map<SensorId, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> rejected = new ConcurrentHashMap<>();

    public void seen(SensorId sensor, Instant at) {
        lastSeen.merge(sensor, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    public void rejected(AdapterRejection r) {
        Objects.requireNonNull(r, "r");
        Map<String, AtomicLong> byReason =
                rejected.computeIfAbsent(r.adapter(), a -> new ConcurrentHashMap<>());
        String key = r.field() + ": " + r.reason();
        if (!byReason.containsKey(key) && byReason.size() >= MAX_REASONS) {
            key = "other";
        }
        byReason.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Last reading time per sensor, sorted by id. */
    public Map<String, Instant> lastSeen() {
        Map<String, Instant> out = new TreeMap<>();
        lastSeen.forEach((k, v) -> out.put(k.value(), v));
        return out;
    }

    /** Rejections per adapter, then per {@code field: reason}, sorted. */
    public Map<String, Map<String, Long>> rejectedByReason() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        rejected.forEach(
                (adapter, reasons) -> {
                    Map<String, Long> m = new TreeMap<>();
                    reasons.forEach((k, v) -> m.put(k, v.get()));
                    out.put(adapter, m);
                });
        return out;
    }
}
