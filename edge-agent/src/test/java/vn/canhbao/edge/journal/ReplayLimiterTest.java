package vn.canhbao.edge.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;

class ReplayLimiterTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void letsABurstOfOneSecondThroughThenHoldsToTheRate() {
        ReplayLimiter l = new ReplayLimiter(100, now::get);

        assertThat(l.tryAcquireNanos(60)).isZero();
        assertThat(l.tryAcquireNanos(40)).isZero();
        long wait = l.tryAcquireNanos(10);

        assertThat(wait).isEqualTo(100_000_000L); // 10 readings at 100/s
        now.addAndGet(wait);
        assertThat(l.tryAcquireNanos(10)).isZero();
        assertThat(l.tryAcquireNanos(1)).isPositive();
    }

    @Test
    void aBatchLargerThanTheBucketPassesOnceTheBucketIsFull() {
        ReplayLimiter l = new ReplayLimiter(10, now::get);

        assertThat(l.tryAcquireNanos(50)).isZero();
        assertThat(l.tryAcquireNanos(1)).as("in debt for 4 s").isEqualTo(4_100_000_000L);
    }

    @Test
    void zeroMeansUnlimitedAndNegativeIsRefused() {
        ReplayLimiter l = new ReplayLimiter(0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(l.tryAcquireNanos(1_000_000)).isZero();
        }
        assertThat(l.isUnlimited()).isTrue();
        assertThatThrownBy(() -> new ReplayLimiter(-1))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("readingsPerSecond");
        assertThatThrownBy(() -> new ReplayLimiter(Double.NaN))
                .isInstanceOf(ContractViolation.class);
    }
}
