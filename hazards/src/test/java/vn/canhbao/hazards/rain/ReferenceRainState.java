package vn.canhbao.hazards.rain;

import java.time.Duration;
import java.util.Arrays;

/**
 * What a rain gauge's accumulator remembers: 72 h of 5-minute bins (hundredths of a millimetre,
 * unsigned 16-bit little-endian in a byte array, so JSON carries them as base64: up to 655.35 mm
 * per bin) and 16 local days (tenths of a millimetre, up to 6553.5 mm per day). About 1.8 KB on the
 * heap, whatever the reporting rate. Immutable by convention: the arrays are never changed after
 * construction. Jackson-serializable.
 *
 * <p><b>Reference kept for {@link RainAccumulatorDifferentialTest}:</b> a verbatim copy of {@link
 * RainState} as it was before its hot paths were optimised (only renamed, and the classes
 * package-private). Do not optimise or change it: the differential test checks the production code
 * against it.
 *
 * @param headBin index (epoch / 5 min) of the newest bin, {@code Long.MIN_VALUE} when empty
 * @param bins ring of {@value #BINS} bins, bin {@code i} at {@code i mod BINS}
 * @param headDay index of the newest local day
 * @param days ring of {@value #DAYS} daily totals
 */
record ReferenceRainState(long headBin, byte[] bins, long headDay, short[] days) {
    static final Duration BIN = Duration.ofMinutes(5);
    static final Duration SPAN = Duration.ofHours(72);
    static final int BINS = 864;
    static final int DAYS = 16;
    static final ReferenceRainState EMPTY =
            new ReferenceRainState(
                    Long.MIN_VALUE, new byte[2 * BINS], Long.MIN_VALUE, new short[DAYS]);

    public ReferenceRainState {
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
     * rules sum a 24 h window on every rain reading).
     */
    long centsBetween(long first, long last) {
        if (isEmpty()) {
            return 0;
        }
        long from = Math.max(first, headBin - BINS + 1);
        long to = Math.min(last, headBin);
        long sum = 0;
        if (from > to) {
            return 0;
        }
        int i = (int) Math.floorMod(from, BINS);
        for (long b = from; b <= to; b++) {
            sum += (bins[2 * i] & 0xff) | (bins[2 * i + 1] & 0xff) << 8;
            if (++i == BINS) {
                i = 0;
            }
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
        return o instanceof ReferenceRainState r
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
        return "ReferenceRainState[headBin=" + headBin + ", headDay=" + headDay + "]";
    }
}
