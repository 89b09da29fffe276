package vn.canhbao.hazards.rain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a rain gauge's accumulator remembers: 72 h of 5-minute bins (hundredths of a millimetre,
 * unsigned 16-bit little-endian in a byte array, so JSON carries them as base64: up to 655.35 mm
 * per bin) and 16 local days (tenths of a millimetre, up to 6553.5 mm per day). About 1.8 KB on the
 * heap, whatever the reporting rate. Immutable by convention: the arrays are never changed after
 * construction, so successive states may share them ({@link RainAccumulator#add} reuses an array a
 * reading leaves as it was). Jackson-serializable.
 *
 * @param headBin index (epoch / 5 min) of the newest bin, {@code Long.MIN_VALUE} when empty
 * @param bins ring of {@value #BINS} bins, bin {@code i} at {@code i mod BINS}
 * @param headDay index of the newest local day
 * @param days ring of {@value #DAYS} daily totals
 */
public record RainState(long headBin, byte[] bins, long headDay, short[] days) {
    public static final Duration BIN = Duration.ofMinutes(5);
    public static final Duration SPAN = Duration.ofHours(72);
    public static final int BINS = 864;
    public static final int DAYS = 16;
    public static final RainState EMPTY =
            new RainState(Long.MIN_VALUE, new byte[2 * BINS], Long.MIN_VALUE, new short[DAYS]);

    /** Eight bytes of a ring as a little-endian long (any offset: plain reads may be unaligned). */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bins 0 and 2 of four little-endian 16-bit bins in a long. */
    private static final long EVEN_BINS = 0x0000_FFFF_0000_FFFFL;

    public RainState {
        if (bins == null || bins.length != 2 * BINS) {
            throw new IllegalArgumentException("bins: expected " + BINS + " two-byte bins");
        }
        if (days == null || days.length != DAYS) {
            throw new IllegalArgumentException("days: expected " + DAYS + " days");
        }
    }

    public boolean isEmpty() {
        return headBin == Long.MIN_VALUE;
    }

    /** Rain in bin {@code bin}, mm (0 outside the ring). */
    double bin(long bin) {
        if (isEmpty() || bin > headBin || bin <= headBin - BINS) {
            return 0;
        }
        return cents(bins, (int) Math.floorMod(bin, BINS)) / 100.0;
    }

    /**
     * Rain in bins {@code first..last} (inclusive), hundredths of a millimetre: the same sum as
     * adding {@link #bin} over the range, without a floating-point round trip per bin (the site
     * rules sum a 24 h window several times on every rain reading). The range is at most two runs
     * of the ring, each summed four bins at a time.
     */
    long centsBetween(long first, long last) {
        if (isEmpty()) {
            return 0;
        }
        long from = Math.max(first, headBin - BINS + 1);
        long to = Math.min(last, headBin);
        if (from > to) {
            return 0;
        }
        int i = (int) Math.floorMod(from, BINS);
        int n = (int) (to - from + 1);
        int run = Math.min(n, BINS - i);
        long sum = sumCents(bins, i, run);
        if (run < n) {
            sum += sumCents(bins, 0, n - run);
        }
        return sum;
    }

    /**
     * The sum of the {@code count} bins of a ring from bin {@code i} on (no wrap-around),
     * hundredths of a millimetre. Reads eight bytes (four bins) at a time and adds bins 0 and 2,
     * and bins 1 and 3, in the two 32-bit halves of a long: each step adds at most 2 × 65535 to a
     * half, so 216 steps (a whole ring) stay far below 2³² and no half carries into the other. A
     * counted loop, so the JIT unrolls it.
     */
    private static long sumCents(byte[] ring, int i, int count) {
        int base = 2 * i;
        int fours = count >>> 2;
        long halves = 0;
        for (int k = 0; k < fours; k++) {
            long four = (long) LONGS.get(ring, base + 8 * k);
            halves += (four & EVEN_BINS) + ((four >>> 16) & EVEN_BINS);
        }
        long sum = (halves & 0xFFFF_FFFFL) + (halves >>> 32);
        for (int at = base + 8 * fours, end = base + 2 * count; at < end; at += 2) {
            sum += (ring[at] & 0xff) | (ring[at + 1] & 0xff) << 8;
        }
        return sum;
    }

    /** Rain on local day {@code day}, mm (0 outside the ring). */
    double day(long day) {
        if (isEmpty() || day > headDay || day <= headDay - DAYS) {
            return 0;
        }
        return Short.toUnsignedInt(days[(int) Math.floorMod(day, DAYS)]) / 10.0;
    }

    /** Bin {@code i} of a ring, hundredths of a millimetre. */
    static int cents(byte[] ring, int i) {
        return (ring[2 * i] & 0xff) | (ring[2 * i + 1] & 0xff) << 8;
    }

    static void setCents(byte[] ring, int i, int cents) {
        ring[2 * i] = (byte) cents;
        ring[2 * i + 1] = (byte) (cents >>> 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RainState r
                && headBin == r.headBin
                && headDay == r.headDay
                && Arrays.equals(bins, r.bins)
                && Arrays.equals(days, r.days);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(headBin) * 31 + Arrays.hashCode(bins);
    }

    @Override
    public String toString() {
        return "RainState[headBin=" + headBin + ", headDay=" + headDay + "]";
    }
}
