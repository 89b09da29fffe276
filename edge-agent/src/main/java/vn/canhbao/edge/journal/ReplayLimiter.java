package vn.canhbao.edge.journal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import vn.canhbao.contracts.ContractViolation;

/**
 * A token bucket limiting how many readings per second the uplink replays from the journal, for
 * thin links. The bucket holds at most one second of readings (a burst); a batch larger than that
 * is let through once the bucket is full. Alerts are not passed through it (the uplink's choice).
 *
 * <p>Thread-safe.
 */
public final class ReplayLimiter {
    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    /**
     * @param readingsPerSecond the sustained rate; 0 means unlimited
     * @throws ContractViolation when negative or not finite
     */
    public ReplayLimiter(double readingsPerSecond) {
        this(readingsPerSecond, System::nanoTime);
    }

    ReplayLimiter(double readingsPerSecond, LongSupplier nanoTime) {
        if (!(readingsPerSecond >= 0) || !Double.isFinite(readingsPerSecond)) {
            throw new ContractViolation(
                    "readingsPerSecond", readingsPerSecond, "expected 0 (unlimited) or more");
        }
        this.perSecond = readingsPerSecond;
        this.capacity = Math.max(1, readingsPerSecond);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    public static ReplayLimiter unlimited() {
        return new ReplayLimiter(0);
    }

    public boolean isUnlimited() {
        return perSecond == 0;
    }

    /** Blocks until {@code readings} may be sent, then takes them from the bucket. */
    public void acquire(int readings) throws InterruptedException {
        long wait;
        while ((wait = tryAcquireNanos(readings)) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Takes {@code readings} from the bucket if they are available now and returns 0; otherwise
     * takes nothing and returns how many nanoseconds to wait before trying again. Never blocks.
     */
    public synchronized long tryAcquireNanos(int readings) {
        if (perSecond == 0) {
            return 0;
        }
        refill();
        double need = Math.min(Math.max(readings, 0), capacity);
        if (tokens >= need) {
            tokens -= Math.max(readings, 0);
            return 0;
        }
        return Math.max(1, (long) Math.ceil((need - tokens) / perSecond * 1e9));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) / 1e9 * perSecond);
        lastRefill = now;
    }
}
