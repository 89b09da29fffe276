package vn.canhbao.hazards.qc;

import java.util.List;
import java.util.Objects;

/**
 * A value with its QARTOD flag and the tests that lowered it, e.g. {@code spike}, {@code
 * gross_range}, {@code rate_of_change}, {@code flat_line}, {@code gap}.
 */
public record QcResult(QcSample sample, QcFlag flag, List<String> reasons) {
    public QcResult {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(flag, "flag");
        reasons =
                Objects.requireNonNull(reasons, "reasons").isEmpty()
                        ? List.of()
                        : List.copyOf(reasons);
    }

    /** Whether a rule may use this value (pass or suspect). */
    public boolean usable() {
        return flag.usable();
    }
}
