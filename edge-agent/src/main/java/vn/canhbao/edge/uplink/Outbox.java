package vn.canhbao.edge.uplink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The uplink's queue of telemetry batches not yet acknowledged by the broker, bounded in bytes.
 *
 * <p><b>In memory only:</b> batches survive broker outages but not a restart of the agent. The
 * durable on-disk journal replaces this class in issue 3.
 *
 * <p>Batches leave in the order they were added. An entry is removed only by {@link
 * #acknowledge(long)}, i.e. when the broker has confirmed it (QoS 1 PUBACK), or when the outbox is
 * full: adding a batch that would exceed {@code maxBytes} first drops the oldest batches, and
 * counts them ({@link #droppedBatches()}, {@link #droppedReadings()}). Entries handed out by {@link
 * #takeSendable(int)} are "in flight"; {@link #requeueInFlight()} (connection lost, publish failed)
 * makes them sendable again, from the oldest, so a resend keeps the original order.
 *
 * <p>Thread-safe.
 */
public final class Outbox {
    private final long maxBytes;
    private final LinkedHashMap<Long, Slot> slots = new LinkedHashMap<>();
    private long nextId;
    private long bytes;
    private int inFlight;
    private long droppedBatches;
    private long droppedReadings;

    /**
     * @param maxBytes ceiling on the payload bytes held, positive
     */
    public Outbox(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a batch at the end, dropping the oldest batches first if it would not fit. A batch
     * larger than the whole outbox is dropped itself (and counted).
     *
     * @return the entry added, or empty if the batch alone exceeds {@code maxBytes}
     */
    public synchronized Optional<OutboxEntry> add(
            byte[] payload, int readings, long firstSeq, long lastSeq) {
        if (payload.length > maxBytes) {
            droppedBatches++;
            droppedReadings += readings;
            return Optional.empty();
        }
        Iterator<Slot> it = slots.values().iterator();
        while (bytes + payload.length > maxBytes && it.hasNext()) {
            Slot oldest = it.next();
            it.remove();
            forget(oldest);
            droppedBatches++;
            droppedReadings += oldest.entry.readings();
        }
        OutboxEntry entry = new OutboxEntry(nextId++, payload.clone(), readings, firstSeq, lastSeq);
        slots.put(entry.id(), new Slot(entry));
        bytes += payload.length;
        return Optional.of(entry);
    }

    /**
     * Marks the oldest not-in-flight entries in flight, so that at most {@code maxInFlight} are,
     * and returns them oldest first.
     */
    public synchronized List<OutboxEntry> takeSendable(int maxInFlight) {
        List<OutboxEntry> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (inFlight >= maxInFlight) {
                break;
            }
            if (!s.inFlight) {
                s.inFlight = true;
                inFlight++;
                out.add(s.entry);
            }
        }
        return out;
    }

    /**
     * Removes an entry the broker confirmed. @return false if it was already gone (duplicate ack,
     * dropped)
     */
    public synchronized boolean acknowledge(long id) {
        Slot s = slots.remove(id);
        if (s == null) {
            return false;
        }
        forget(s);
        if (slots.isEmpty()) {
            notifyAll();
        }
        return true;
    }

    /**
     * Waits until the outbox is empty, at most {@code timeout}.
     *
     * @return whether it is empty
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized boolean awaitEmpty(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!slots.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Makes entry {@code id} and every later in-flight entry sendable again (its publish was
     * refused before reaching the wire, so those after it were not sent either).
     */
    public synchronized int release(long id) {
        int n = 0;
        for (Slot s : slots.values()) {
            if (s.entry.id() >= id && s.inFlight) {
                s.inFlight = false;
                inFlight--;
                n++;
            }
        }
        return n;
    }

    /** Makes every in-flight entry sendable again (the connection was lost or a publish failed). */
    public synchronized int requeueInFlight() {
        int n = 0;
        for (Slot s : slots.values()) {
            if (s.inFlight) {
                s.inFlight = false;
                n++;
            }
        }
        inFlight = 0;
        return n;
    }

    /** Entries waiting, in flight or not. */
    public synchronized int depth() {
        return slots.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized long droppedBatches() {
        return droppedBatches;
    }

    public synchronized long droppedReadings() {
        return droppedReadings;
    }

    /** A copy of the entries waiting, oldest first. */
    public synchronized List<OutboxEntry> snapshot() {
        List<OutboxEntry> out = new ArrayList<>(slots.size());
        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            out.add(e.getValue().entry);
        }
        return out;
    }

    private void forget(Slot s) {
        bytes -= s.entry.payload().length;
        if (s.inFlight) {
            inFlight--;
        }
    }

    private static final class Slot {
        final OutboxEntry entry;
        boolean inFlight;

        Slot(OutboxEntry entry) {
            this.entry = entry;
        }
    }
}
