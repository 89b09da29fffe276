package vn.canhbao.hazards.wind;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ten one-minute bins of wind speed (sum, count, max) for the 10-minute mean and the gust. About
 * 150 bytes. Jackson-serializable.
 *
 * @param headMinute index (epoch minutes) of the newest bin, {@code Long.MIN_VALUE} when empty
 * @param sums speed sums per bin, m/s
 * @param counts samples per bin
 * @param maxes highest sample per bin, m/s
 */
public record WindState(long headMinute, float[] sums, int[] counts, float[] maxes) {
    public static final int BINS = 10;
    public static final WindState EMPTY =
            new WindState(Long.MIN_VALUE, new float[BINS], new int[BINS], new float[BINS]);

    public WindState {
        Objects.requireNonNull(sums, "sums");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(maxes, "maxes");
        if (sums.length != BINS || counts.length != BINS || maxes.length != BINS) {
            throw new IllegalArgumentException("bins: expected " + BINS + " bins");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindState w
                && headMinute == w.headMinute
                && Arrays.equals(sums, w.sums)
                && Arrays.equals(counts, w.counts)
                && Arrays.equals(maxes, w.maxes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(headMinute) * 31 + Arrays.hashCode(sums);
    }

    @Override
    public String toString() {
        return "WindState[headMinute=" + headMinute + "]";
    }
}
