package vn.canhbao.hazards.rain;

/** Tipping-bucket rain gauges report tips (often a rolling counter); rules need millimetres. */
public final class TippingBucket {
    private TippingBucket() {}

    /**
     * @param tips number of tips in the interval
     * @param mmPerTip bucket size, e.g. 0.2 or 0.5 mm (from the gauge's datasheet)
     */
    public static double mm(long tips, double mmPerTip) {
        if (tips < 0) {
            throw new IllegalArgumentException("tips: expected 0 or more (got " + tips + ")");
        }
        if (!(mmPerTip > 0)) {
            throw new IllegalArgumentException(
                    "mmPerTip: expected more than 0 (got " + mmPerTip + ")");
        }
        return tips * mmPerTip;
    }

    /**
     * Tips between two readings of a counter that wraps to 0 after {@code modulus − 1} (e.g. 65536
     * for a 16-bit counter). A counter that went backwards is taken as one wrap; a gateway reboot
     * that resets the counter is indistinguishable and must be flagged by the gateway.
     */
    public static long tipsBetween(long previous, long current, long modulus) {
        if (modulus < 1
                || previous < 0
                || current < 0
                || previous >= modulus
                || current >= modulus) {
            throw new IllegalArgumentException(
                    "counter: expected 0 <= previous, current < modulus (got "
                            + previous
                            + ", "
                            + current
                            + ", "
                            + modulus
                            + ")");
        }
        return current >= previous ? current - previous : current + modulus - previous;
    }
}
