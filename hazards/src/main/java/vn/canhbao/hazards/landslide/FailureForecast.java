package vn.canhbao.hazards.landslide;

import java.time.Instant;
import java.util.Objects;

/**
 * An inverse-velocity time-of-failure estimate (Fukuzono 1985; Carlà et al. 2017).
 *
 * @param failureAt where the fitted line {@code 1/v = a − b·t} reaches zero
 * @param r2 the fit's coefficient of determination
 * @param velocityMmPerHour the newest smoothed velocity
 * @param points how many velocities were fitted
 */
public record FailureForecast(Instant failureAt, double r2, double velocityMmPerHour, int points) {
    public FailureForecast {
        Objects.requireNonNull(failureAt, "failureAt");
    }
}
