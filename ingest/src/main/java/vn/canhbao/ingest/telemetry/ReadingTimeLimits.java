package vn.canhbao.ingest.telemetry;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a reading's time may be from ingest's clock.
 *
 * @param maxFuture readings later than now + this are refused (gateway clock ahead)
 * @param maxAge readings older than now - this are refused (a backlog older than a gateway may
 *     store, or a clock reset to 1970)
 */
public record ReadingTimeLimits(Duration maxFuture, Duration maxAge) {
    public static final ReadingTimeLimits DEFAULT =
            new ReadingTimeLimits(Duration.ofMinutes(5), Duration.ofDays(30));

    /** No limit (tests and tools replaying old data). */
    public static final ReadingTimeLimits NONE =
            new ReadingTimeLimits(Duration.ofDays(365_000), Duration.ofDays(365_000));

    public ReadingTimeLimits {
        Objects.requireNonNull(maxFuture, "maxFuture");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxFuture.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException(
                    "readingTimeLimits: expected maxFuture >= 0 and maxAge > 0 (got "
                            + maxFuture
                            + ", "
                            + maxAge
                            + ")");
        }
    }
}
