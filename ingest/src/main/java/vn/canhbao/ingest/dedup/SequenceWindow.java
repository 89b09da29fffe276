package vn.canhbao.ingest.dedup;

/**
 * The sequence numbers of one gateway already written to Kafka: a high-water mark plus a bitmap of
 * the {@code size} numbers at and below it. Numbers at or below {@code highWater - size} are beyond
 * the window and cannot be checked. Not thread-safe (guarded by {@link Deduplicator}).
 */
final class SequenceWindow {
    private final int size;
    private final long[] bits;
    private long highWater = -1;

    /**
     * @param size a power of two, at least 64
     */
    SequenceWindow(int size) {
        if (size < 64 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(
                    "size: expected a power of two >= 64 (got " + size + ")");
        }
        this.size = size;
        this.bits = new long[size / 64];
    }

    enum State {
        NEW,
        SEEN,
        BEYOND_WINDOW
    }

    State state(long seq) {
        if (seq > highWater) {
            return State.NEW;
        }
        if (seq <= highWater - size) {
            return State.BEYOND_WINDOW;
        }
        return isSet(seq) ? State.SEEN : State.NEW;
    }

    void mark(long seq) {
        if (seq > highWater) {
            // Clear the slots the window slides over, then move it.
            long from = Math.max(highWater + 1, seq - size + 1);
            for (long s = from; s <= seq; s++) {
                clear(s);
            }
            highWater = seq;
        } else if (seq <= highWater - size) {
            return;
        }
        int slot = (int) (seq & (size - 1));
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    long highWater() {
        return highWater;
    }

    private boolean isSet(long seq) {
        int slot = (int) (seq & (size - 1));
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void clear(long seq) {
        int slot = (int) (seq & (size - 1));
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
