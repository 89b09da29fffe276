package vn.canhbao.vms.clips;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of wall-clock time, [from, to).
 *
 * @param from inclusive
 * @param to exclusive, after {@code from}
 */
public record TimeWindow(Instant from, Instant to) {
    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to: expected after from " + from + ", got " + to);
        }
    }

    /**
     * The footage worth seeing for an alert episode: from {@code before} ahead of its start to
     * {@code after} past its latest transition.
     */
    public static TimeWindow aroundEpisode(
            Instant episodeStart, Instant lastTransition, Duration before, Duration after) {
        Instant end = lastTransition.isBefore(episodeStart) ? episodeStart : lastTransition;
        return new TimeWindow(episodeStart.minus(before), end.plus(after).plusMillis(1));
    }

    /** True if [start, end] shares any instant with this window. */
    public boolean overlaps(Instant start, Instant end) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
