package vn.canhbao.stream.site;

import java.util.Objects;
import vn.canhbao.contracts.Quantity;

/**
 * A quality-controlled (pass or suspect), calibrated value of a site-level input (rain, soil
 * moisture, displacement, tilt) on its way from the per-sensor operator to the per-site operator.
 *
 * @param site the site id (the key of the per-site operator)
 * @param province the site's province, for the Article 46 province group
 * @param sensor the sensor id
 * @param quantity what was measured
 * @param value calibrated value in the quantity's unit
 * @param time measurement time, epoch millis
 * @param seq the reading's gateway sequence number
 * @param suspect true if quality control flagged it suspect (still usable)
 */
public record SiteSample(
        String site,
        String province,
        String sensor,
        Quantity quantity,
        double value,
        long time,
        long seq,
        boolean suspect) {
    public SiteSample {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** Whether the per-site rules take this quantity. */
    public static boolean isSiteInput(Quantity q) {
        return q == Quantity.RAIN
                || q == Quantity.SOIL_MOISTURE
                || q == Quantity.DISPLACEMENT
                || q == Quantity.TILT;
    }
}
