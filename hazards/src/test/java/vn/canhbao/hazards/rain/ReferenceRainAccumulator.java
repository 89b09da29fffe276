package vn.canhbao.hazards.rain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Rolling rainfall at event time from per-interval rain (mm per reading): 1–72 h accumulations,
 * rain days, antecedent rain, effective rainfall with a half-life, mean intensity and event
 * duration. Pure static functions over {@link ReferenceRainState}.
 *
 * <p>A reading lands in the 5-minute bin of its own time, so late and out-of-order readings count
 * where they belong (and in their local day); a reading more than 72 h older than the newest one is
 * ignored ({@link #add} returns the state unchanged). Totals are sums of whole bins ending with the
 * bin of the requested time.
 *
 * <p><b>Reference kept for {@link RainAccumulatorDifferentialTest}:</b> a verbatim copy of {@link
 * RainAccumulator} as it was before its hot paths were optimised (only renamed, and the classes
 * package-private). Do not optimise or change it: the differential test checks the production code
 * against it.
 */
final class ReferenceRainAccumulator {
    private static final long BIN_MILLIS = ReferenceRainState.BIN.toMillis();

    private ReferenceRainAccumulator() {}

    /** The bin index of an instant. */
    static long binOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), BIN_MILLIS);
    }

    /**
     * Adds {@code mm} of rain measured at {@code time}.
     *
     * @throws IllegalArgumentException if {@code mm} is negative or not finite
     */
    static ReferenceRainState add(ReferenceRainState s, double mm, Instant time, RainParams p) {
        Objects.requireNonNull(s, "state");
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(mm) || mm < 0) {
            throw new IllegalArgumentException("rain: expected 0 mm or more (got " + mm + ")");
        }
        long bin = binOf(time);
        long day = dayOf(time, p);
        if (!s.isEmpty() && bin <= s.headBin() - ReferenceRainState.BINS) {
            return s;
        }
        byte[] bins;
        long headBin;
        if (s.isEmpty() || bin > s.headBin()) {
            bins = new byte[2 * ReferenceRainState.BINS];
            headBin = bin;
            if (!s.isEmpty()) {
                for (long b =
                                Math.max(
                                        s.headBin() - ReferenceRainState.BINS + 1,
                                        bin - ReferenceRainState.BINS + 1);
                        b <= s.headBin();
                        b++) {
                    int k = (int) Math.floorMod(b, ReferenceRainState.BINS);
                    bins[2 * k] = s.bins()[2 * k];
                    bins[2 * k + 1] = s.bins()[2 * k + 1];
                }
            }
        } else {
            bins = s.bins().clone();
            headBin = s.headBin();
        }
        int i = (int) Math.floorMod(bin, ReferenceRainState.BINS);
        ReferenceRainState.setCents(
                bins,
                i,
                (int) Math.min(65535, ReferenceRainState.cents(bins, i) + Math.round(mm * 100)));

        short[] days;
        long headDay;
        if (s.isEmpty() || day > s.headDay()) {
            days = new short[ReferenceRainState.DAYS];
            headDay = day;
            if (!s.isEmpty()) {
                for (long d =
                                Math.max(
                                        s.headDay() - ReferenceRainState.DAYS + 1,
                                        day - ReferenceRainState.DAYS + 1);
                        d <= s.headDay();
                        d++) {
                    days[(int) Math.floorMod(d, ReferenceRainState.DAYS)] =
                            s.days()[(int) Math.floorMod(d, ReferenceRainState.DAYS)];
                }
            }
        } else {
            days = s.days().clone();
            headDay = s.headDay();
        }
        if (day > headDay - ReferenceRainState.DAYS) {
            int j = (int) Math.floorMod(day, ReferenceRainState.DAYS);
            days[j] = (short) Math.min(65535, Short.toUnsignedInt(days[j]) + Math.round(mm * 10));
        }
        return new ReferenceRainState(headBin, bins, headDay, days);
    }

    /** Total rain (mm) in the {@code window} ending with the bin of {@code at}. */
    static double total(ReferenceRainState s, Instant at, Duration window) {
        long end = binOf(at);
        long n = window.toMillis() / BIN_MILLIS;
        if (n < 1 || n > ReferenceRainState.BINS) {
            throw new IllegalArgumentException(
                    "window: expected 5 min to 72 h (got " + window + ")");
        }
        return s.centsBetween(end - n + 1, end) / 100.0;
    }

    /** Mean intensity (mm/h) over the {@code window} ending at {@code at}. */
    static double intensity(ReferenceRainState s, Instant at, Duration window) {
        return total(s, at, window) / (window.toMillis() / 3_600_000.0);
    }

    static RainAccumulations accumulations(ReferenceRainState s, Instant at) {
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
    static double today(ReferenceRainState s, Instant at, RainParams p) {
        return s.day(dayOf(at, p));
    }

    /**
     * How many consecutive local days just before the day of {@code at} had at least {@code
     * rainDayMm} (0 to 15): Article 46's "rain on the previous days".
     */
    static int antecedentRainDays(ReferenceRainState s, Instant at, RainParams p) {
        long today = dayOf(at, p);
        int n = 0;
        for (long d = today - 1; d > today - ReferenceRainState.DAYS; d--) {
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
    static double antecedentRain(ReferenceRainState s, Instant at, int days, RainParams p) {
        if (days < 0 || days >= ReferenceRainState.DAYS) {
            throw new IllegalArgumentException(
                    "days: expected 0 to " + (ReferenceRainState.DAYS - 1) + " (got " + days + ")");
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
    static double effective(ReferenceRainState s, Instant at, RainParams p) {
        long end = binOf(at);
        double decay = Math.pow(0.5, (double) BIN_MILLIS / p.halfLife().toMillis());
        double w = 1;
        double sum = 0;
        for (long b = end; b > end - ReferenceRainState.BINS; b--) {
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
    static Duration eventDuration(ReferenceRainState s, Instant at, RainParams p) {
        long end = binOf(at);
        long dryBins = p.dryGap().toMillis() / BIN_MILLIS;
        long firstWet = Long.MIN_VALUE;
        long dryRun = 0;
        for (long b = end; b > end - ReferenceRainState.BINS; b--) {
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
        return ReferenceRainState.BIN.multipliedBy(end - firstWet + 1);
    }

    /**
     * How many consecutive local days up to the day of {@code at} had at least {@code mm}; today
     * counts when the rolling 24 h total reaches {@code mm} (heavy-rain duration, at most 15).
     */
    static int consecutiveDaysAtLeast(ReferenceRainState s, Instant at, double mm, RainParams p) {
        long today = dayOf(at, p);
        int n = total(s, at, Duration.ofHours(24)) >= mm ? 1 : 0;
        for (long d = today - 1; d > today - ReferenceRainState.DAYS; d--) {
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
