package vn.canhbao.hazards.rain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rolling rainfall at event time from per-interval rain (mm per reading): 1–72 h accumulations,
 * rain days, antecedent rain, effective rainfall with a half-life, mean intensity and event
 * duration. Pure static functions over {@link RainState}.
 *
 * <p>A reading lands in the 5-minute bin of its own time, so late and out-of-order readings count
 * where they belong (and in their local day); a reading more than 72 h older than the newest one is
 * ignored ({@link #add} returns the state unchanged). Totals are sums of whole bins ending with the
 * bin of the requested time.
 */
public final class RainAccumulator {
    private static final long BIN_MILLIS = RainState.BIN.toMillis();

    /** The bins of the rolling 24 h total. */
    private static final long DAY_BINS = Duration.ofHours(24).toMillis() / BIN_MILLIS;

    private RainAccumulator() {}

    /** The bin index of an instant. */
    public static long binOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), BIN_MILLIS);
    }

    /**
     * Adds {@code mm} of rain measured at {@code time}.
     *
     * <p>Copies an array of {@code s} only when the reading changes it: a reading that adds nothing
     * (a dry minute) to a bin and a day already in the rings returns {@code s} itself, and a new
     * head bin or day whose dropped slots were already zero shares the old ring.
     *
     * @throws IllegalArgumentException if {@code mm} is negative or not finite
     */
    public static RainState add(RainState s, double mm, Instant time, RainParams p) {
        Objects.requireNonNull(s, "state");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(mm) || mm < 0) {
            throw new IllegalArgumentException("rain: expected 0 mm or more (got " + mm + ")");
        }
        long bin = binOf(time);
        long day = dayOf(time, p);
        boolean empty = s.isEmpty();
        if (!empty && bin <= s.headBin() - RainState.BINS) {
            return s;
        }
        long cents = Math.round(mm * 100);
        long tenths = Math.round(mm * 10);

        byte[] bins = s.bins();
        long headBin = s.headBin();
        if (empty || bin > headBin) {
            bins = empty ? new byte[2 * RainState.BINS] : advanceBins(bins, headBin, bin);
            headBin = bin;
        }
        int i = (int) Math.floorMod(bin, RainState.BINS);
        int old = RainState.cents(bins, i);
        int now = (int) Math.min(65535, old + cents);
        if ((now & 0xffff) != old) {
            if (bins == s.bins()) {
                bins = bins.clone();
            }
            RainState.setCents(bins, i, now);
        }

        short[] days = s.days();
        long headDay = s.headDay();
        if (empty || day > headDay) {
            days = empty ? new short[RainState.DAYS] : advanceDays(days, headDay, day);
            headDay = day;
        }
        if (day > headDay - RainState.DAYS) {
            int j = (int) Math.floorMod(day, RainState.DAYS);
            short v = (short) Math.min(65535, Short.toUnsignedInt(days[j]) + tenths);
            if (v != days[j]) {
                if (days == s.days()) {
                    days = days.clone();
                }
                days[j] = v;
            }
        }
        if (headBin == s.headBin()
                && bins == s.bins()
                && headDay == s.headDay()
                && days == s.days()) {
            return s;
        }
        return new RainState(headBin, bins, headDay, days);
    }

    /**
     * The ring of bins when the head moves from {@code headBin} on to {@code bin}: the bins in
     * between and the new head start empty, the slots they take over (which held the bins that fall
     * out of the 72 h) are cleared. {@code ring} itself when those slots were already zero.
     */
    private static byte[] advanceBins(byte[] ring, long headBin, long bin) {
        if (headBin <= bin - RainState.BINS) {
            return new byte[2 * RainState.BINS];
        }
        int first = (int) Math.floorMod(headBin + 1, RainState.BINS);
        int n = (int) (bin - headBin);
        int run = Math.min(n, RainState.BINS - first);
        if (isZero(ring, 2 * first, 2 * (first + run)) && isZero(ring, 0, 2 * (n - run))) {
            return ring;
        }
        byte[] next = ring.clone();
        Arrays.fill(next, 2 * first, 2 * (first + run), (byte) 0);
        Arrays.fill(next, 0, 2 * (n - run), (byte) 0);
        return next;
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            if (a[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The ring of days when the head moves from {@code headDay} on to {@code day}, as for bins. */
    private static short[] advanceDays(short[] ring, long headDay, long day) {
        if (headDay <= day - RainState.DAYS) {
            return new short[RainState.DAYS];
        }
        short[] next = null;
        for (long d = headDay + 1; d <= day; d++) {
            int j = (int) Math.floorMod(d, RainState.DAYS);
            if (ring[j] != 0) {
                if (next == null) {
                    next = ring.clone();
                }
                next[j] = 0;
            }
        }
        return next == null ? ring : next;
    }

    /** Total rain (mm) in the {@code window} ending with the bin of {@code at}. */
    public static double total(RainState s, Instant at, Duration window) {
        long end = binOf(at);
        long n = window.toMillis() / BIN_MILLIS;
        if (n < 1 || n > RainState.BINS) {
            throw new IllegalArgumentException(
                    "window: expected 5 min to 72 h (got " + window + ")");
        }
        return s.centsBetween(end - n + 1, end) / 100.0;
    }

    /** Mean intensity (mm/h) over the {@code window} ending at {@code at}. */
    public static double intensity(RainState s, Instant at, Duration window) {
        return total(s, at, window) / (window.toMillis() / 3_600_000.0);
    }

    public static RainAccumulations accumulations(RainState s, Instant at) {
        return new RainAccumulations(
                at,
                total(s, at, Duration.ofHours(1)),
                total(s, at, Duration.ofHours(3)),
                total(s, at, Duration.ofHours(6)),
                total(s, at, Duration.ofHours(12)),
                total(s, at, Duration.ofHours(24)),
                total(s, at, Duration.ofHours(72)));
    }

    /** Rain (mm) on the local day of {@code at} so far. */
    public static double today(RainState s, Instant at, RainParams p) {
        return s.day(dayOf(at, p));
    }

    /**
     * How many consecutive local days just before the day of {@code at} had at least {@code
     * rainDayMm} (0 to 15): Article 46's "rain on the previous days".
     */
    public static int antecedentRainDays(RainState s, Instant at, RainParams p) {
        long today = dayOf(at, p);
        int n = 0;
        for (long d = today - 1; d > today - RainState.DAYS; d--) {
            if (s.day(d) < p.rainDayMm()) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * Rain (mm) over the {@code days} whole local days before the day of {@code at} (at most 15),
     * e.g. Lumb's 15-day antecedent rainfall.
     */
    public static double antecedentRain(RainState s, Instant at, int days, RainParams p) {
        if (days < 0 || days >= RainState.DAYS) {
            throw new IllegalArgumentException(
                    "days: expected 0 to " + (RainState.DAYS - 1) + " (got " + days + ")");
        }
        long today = dayOf(at, p);
        double sum = 0;
        for (long d = today - days; d < today; d++) {
            sum += s.day(d);
        }
        return sum;
    }

    /**
     * Effective rainfall (mm) at {@code at}: each bin weighted by {@code 0.5^(age / halfLife)}
     * (Nepal DoR, 12 h half-life [V]); truncated at 72 h (a weight of 1.6 % with a 12 h half-life).
     */
    public static double effective(RainState s, Instant at, RainParams p) {
        long end = binOf(at);
        double decay = Math.pow(0.5, (double) BIN_MILLIS / p.halfLife().toMillis());
        double w = 1;
        double sum = 0;
        for (long b = end; b > end - RainState.BINS; b--) {
            sum += s.bin(b) * w;
            w *= decay;
        }
        return sum;
    }

    /**
     * How long the current rain event has lasted at {@code at}: from its first wet bin after a dry
     * spell of at least {@code dryGap} up to {@code at}; zero when it has been dry for {@code
     * dryGap}; at most 72 h.
     */
    public static Duration eventDuration(RainState s, Instant at, RainParams p) {
        long end = binOf(at);
        long dryBins = p.dryGap().toMillis() / BIN_MILLIS;
        long firstWet = Long.MIN_VALUE;
        long dryRun = 0;
        for (long b = end; b > end - RainState.BINS; b--) {
            if (s.bin(b) > 0) {
                firstWet = b;
                dryRun = 0;
            } else if (++dryRun >= dryBins) {
                break;
            }
        }
        if (firstWet == Long.MIN_VALUE) {
            return Duration.ZERO;
        }
        return RainState.BIN.multipliedBy(end - firstWet + 1);
    }

    /**
     * How many consecutive local days up to the day of {@code at} had at least {@code mm}; today
     * counts when the rolling 24 h total reaches {@code mm} (heavy-rain duration, at most 15).
     */
    public static int consecutiveDaysAtLeast(RainState s, Instant at, double mm, RainParams p) {
        long today = dayOf(at, p);
        long end = binOf(at);
        int n = s.centsBetween(end - DAY_BINS + 1, end) / 100.0 >= mm ? 1 : 0;
        for (long d = today - 1; d > today - RainState.DAYS; d--) {
            if (s.day(d) < mm) {
                break;
            }
            n++;
        }
        return n;
    }

    static long dayOf(Instant t, RainParams p) {
        return Math.floorDiv(t.getEpochSecond() + p.dayZone().getTotalSeconds(), 86_400L);
    }
}
