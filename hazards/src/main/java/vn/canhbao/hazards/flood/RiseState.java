package vn.canhbao.hazards.flood;

import java.util.Arrays;
import java.util.Objects;
import vn.canhbao.hazards.alert.LifecycleState;

/**
 * What the rate-of-rise rule remembers about one water-level sensor: at most {@value
 * RateOfRiseParams#MAX_POINTS} recent samples (thinned to about {@code window / 32} apart, newest
 * last) and the alert lifecycle. Under 500 bytes. Jackson-serializable.
 *
 * @param times sample times, epoch millis, ascending
 * @param stages calibrated stages, metres above the gauge datum
 * @param lifecycle the flash-flood alert lifecycle
 */
public record RiseState(long[] times, float[] stages, LifecycleState lifecycle) {
    public static final RiseState EMPTY =
            new RiseState(new long[0], new float[0], LifecycleState.EMPTY);

    public RiseState {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (times.length != stages.length || times.length > RateOfRiseParams.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "times/stages: expected equal lengths up to " + RateOfRiseParams.MAX_POINTS);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiseState r
                && Arrays.equals(times, r.times)
                && Arrays.equals(stages, r.stages)
                && lifecycle.equals(r.lifecycle);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(times) * 31 + lifecycle.hashCode();
    }

    @Override
    public String toString() {
        return "RiseState[points=" + times.length + ", lifecycle=" + lifecycle + "]";
    }
}
