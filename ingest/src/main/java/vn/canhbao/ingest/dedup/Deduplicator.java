package vn.canhbao.ingest.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Reading;

/**
 * Decides, per reading, whether {@code (gateway, seq)} still has to be written to Kafka.
 *
 * <p>A reading is {@link Claim.Kind#NEW} until it is {@linkplain #committed committed} (Kafka
 * acknowledged it) or is in flight. While a first copy is in flight, a second copy gets {@link
 * Claim.Kind#IN_FLIGHT} with the first copy's future: the second message may be acknowledged only
 * when the first write succeeded, and must be redelivered if it failed (then the reading is {@link
 * #released released} and the next copy is NEW again). Committed readings are {@link
 * Claim.Kind#DUPLICATE}; readings below a gateway's window ({@code highWater - windowSize}) are
 * {@link Claim.Kind#BEYOND_WINDOW} and are dropped too (they cannot be proven new).
 *
 * <p>The state survives a restart because it is rebuilt from the tail of {@code cb.telemetry.v1}
 * itself ({@link TelemetryTailRestorer}): what Kafka holds is exactly what counts as written.
 * Thread-safe.
 */
public final class Deduplicator {
    /** Default window: 131,072 sequence numbers (16 KiB) per gateway. */
    public static final int DEFAULT_WINDOW = 1 << 17;

    private final int windowSize;
    private final Map<GatewayId, SequenceWindow> windows = new HashMap<>();
    private final Map<Key, CompletableFuture<Void>> inFlight = new HashMap<>();

    public Deduplicator(int windowSize) {
        new SequenceWindow(windowSize); // validates
        this.windowSize = windowSize;
    }

    public Deduplicator() {
        this(DEFAULT_WINDOW);
    }

    /** The decision for one reading. */
    public record Claim(Kind kind, CompletableFuture<Void> firstCopy) {
        public enum Kind {
            /** Write it, then call {@link #committed} or {@link #released}. */
            NEW,
            /** Already in Kafka: drop it. */
            DUPLICATE,
            /** Below the gateway's window: cannot be proven new, dropped. */
            BEYOND_WINDOW,
            /** A first copy is being written: wait for {@link #firstCopy()}. */
            IN_FLIGHT
        }

        static final Claim NEW_CLAIM = new Claim(Kind.NEW, CompletableFuture.completedFuture(null));
        static final Claim DUP = new Claim(Kind.DUPLICATE, CompletableFuture.completedFuture(null));
        static final Claim OLD =
                new Claim(Kind.BEYOND_WINDOW, CompletableFuture.completedFuture(null));
    }

    /**
     * Claims {@code (gateway, seq)} for writing.
     *
     * @param write completes when Kafka acknowledged the write (only used when the claim is NEW);
     *     the caller must still call {@link #committed} or {@link #released}
     */
    public synchronized Claim claim(GatewayId gateway, long seq, CompletableFuture<Void> write) {
        Objects.requireNonNull(gateway, "gateway");
        SequenceWindow w = windows.get(gateway);
        if (w != null) {
            switch (w.state(seq)) {
                case SEEN:
                    return Claim.DUP;
                case BEYOND_WINDOW:
                    return Claim.OLD;
                default:
                    break;
            }
        }
        Key key = new Key(gateway, seq);
        CompletableFuture<Void> first = inFlight.get(key);
        if (first != null) {
            return new Claim(Claim.Kind.IN_FLIGHT, first);
        }
        inFlight.put(key, write);
        return Claim.NEW_CLAIM;
    }

    /** Kafka acknowledged the reading: later copies are duplicates. */
    public synchronized void committed(GatewayId gateway, long seq) {
        inFlight.remove(new Key(gateway, seq));
        windows.computeIfAbsent(gateway, g -> new SequenceWindow(windowSize)).mark(seq);
    }

    /** The write failed: the next copy is new again. */
    public synchronized void released(GatewayId gateway, long seq) {
        inFlight.remove(new Key(gateway, seq));
    }

    /** {@link #committed} for every reading of one written pack, under one lock. */
    public synchronized void committed(GatewayId gateway, List<Reading> readings) {
        SequenceWindow w = windows.computeIfAbsent(gateway, g -> new SequenceWindow(windowSize));
        for (int i = 0; i < readings.size(); i++) {
            long seq = readings.get(i).seq();
            inFlight.remove(new Key(gateway, seq));
            w.mark(seq);
        }
    }

    /** {@link #released} for every reading of one pack whose write failed, under one lock. */
    public synchronized void released(GatewayId gateway, List<Reading> readings) {
        for (int i = 0; i < readings.size(); i++) {
            inFlight.remove(new Key(gateway, readings.get(i).seq()));
        }
    }

    /** Records a reading found in Kafka at start (same as {@link #committed}). */
    public void restored(GatewayId gateway, long seq) {
        committed(gateway, seq);
    }

    /** Gateways with a window. */
    public synchronized int gateways() {
        return windows.size();
    }

    /** Readings being written now. */
    public synchronized int inFlight() {
        return inFlight.size();
    }

    private record Key(GatewayId gateway, long seq) {
        // Written out, like the ids': called for every reading.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && k.gateway.equals(gateway);
        }

        @Override
        public int hashCode() {
            return 31 * gateway.hashCode() + Long.hashCode(seq);
        }
    }
}
