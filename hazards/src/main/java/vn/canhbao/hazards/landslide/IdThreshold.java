package vn.canhbao.hazards.landslide;

import java.util.Objects;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

/**
 * A rainfall intensity–duration threshold {@code I = c + α·D^(−β)} (I in mm/h, D in hours), valid
 * for {@code minHours <= D <= maxHours} (DOMAIN-HAZARDS.md section 2.1).
 *
 * @param name e.g. {@code caine-1980}
 * @param c the intercept, mm/h (0 for the classic power laws)
 * @param alpha the scale, mm/h
 * @param beta the exponent (positive)
 * @param minHours the shortest duration it was fitted for
 * @param maxHours the longest
 * @param source the publication
 * @param confidence how sure the reference is of the coefficients
 */
public record IdThreshold(
        String name,
        double c,
        double alpha,
        double beta,
        double minHours,
        double maxHours,
        String source,
        Confidence confidence)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public IdThreshold {
        RuleTables.requireText(name, "name");
        RuleTables.requireText(source, "source");
        Objects.requireNonNull(confidence, "confidence");
        if (!(alpha > 0) || !(beta > 0) || !(c >= 0)) {
            throw new RuleTableException(
                    "alpha/beta/c: expected alpha > 0, beta > 0, c >= 0 in "
                            + name
                            + " (got "
                            + alpha
                            + ", "
                            + beta
                            + ", "
                            + c
                            + ")");
        }
        if (!(minHours > 0 && maxHours > minHours)) {
            throw new RuleTableException(
                    "minHours/maxHours: expected 0 < minHours < maxHours in "
                            + name
                            + " (got "
                            + minHours
                            + ", "
                            + maxHours
                            + ")");
        }
    }

    /** The threshold intensity (mm/h) for a rain duration, clamped to the fitted range. */
    public double intensity(double hours) {
        double d = Math.max(minHours, Math.min(maxHours, hours));
        return c + alpha * Math.pow(d, -beta);
    }

    /** Whether a mean intensity over {@code hours} reaches the threshold. */
    public boolean exceeded(double intensityMmPerHour, double hours) {
        return intensityMmPerHour >= intensity(hours);
    }
}
