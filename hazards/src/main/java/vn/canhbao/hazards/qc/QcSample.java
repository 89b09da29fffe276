package vn.canhbao.hazards.qc;

import java.time.Instant;
import java.util.Objects;

/**
 * One value as quality control sees it (already calibrated if the rule needs it).
 *
 * @param value the value, in the quantity's unit ({@code NaN} only for a {@link QcFlag#MISSING}
 *     marker)
 * @param time measurement time (event time)
 * @param seq the reading's gateway sequence number (-1 for a missing marker)
 */
public record QcSample(double value, Instant time, long seq) {
    public QcSample {
        Objects.requireNonNull(time, "time");
    }
}
