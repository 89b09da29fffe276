package vn.canhbao.hazards.landslide;

import java.util.Arrays;
import java.util.Objects;

/**
 * A cumulative displacement (mm) or tilt (degrees) series at fixed steps: the newest reading per
 * step, {@code NaN} where none came. 48 floats for an extensometer, 169 for a tiltmeter.
 * Jackson-serializable.
 *
 * @param headStep index of the newest step ({@code Long.MIN_VALUE}: empty)
 * @param headTime time of the newest reading, epoch millis
 * @param values ring of step values, step {@code i} at {@code i mod values.length}
 */
public record MovementState(long headStep, long headTime, float[] values) {
    public MovementState {
        Objects.requireNonNull(values, "values");
    }

    public static MovementState empty(MovementParams p) {
        float[] v = new float[p.slots()];
        Arrays.fill(v, Float.NaN);
        return new MovementState(Long.MIN_VALUE, Long.MIN_VALUE, v);
    }

    public boolean isEmpty() {
        return headStep == Long.MIN_VALUE;
    }

    /** The value at {@code step}, {@code NaN} if none or outside the ring. */
    public double at(long step) {
        if (isEmpty() || step > headStep || step <= headStep - values.length) {
            return Double.NaN;
        }
        return values[(int) Math.floorMod(step, values.length)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MovementState m
                && headStep == m.headStep
                && headTime == m.headTime
                && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(headStep) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MovementState[headStep=" + headStep + ", slots=" + values.length + "]";
    }
}
