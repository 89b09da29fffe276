package vn.canhbao.hazards.qc;

/**
 * What quality control remembers about one sensor: about 70 bytes. Times are epoch millis, {@code
 * Long.MIN_VALUE} for "none". Immutable; Jackson-serializable.
 *
 * @param lastTime the newest time seen (released or held)
 * @param goodValue the last value released as usable (the spike test's V1)
 * @param goodTime its time ({@code Long.MIN_VALUE}: none, e.g. after a gap)
 * @param heldValue a step larger than the spike limit, held until the next sample confirms it
 * @param heldTime its time ({@code Long.MIN_VALUE}: nothing held)
 * @param heldSeq its sequence number
 * @param heldFlag the worst flag of its other tests (QARTOD code)
 * @param flatRef the value the current flat run is compared to
 * @param flatRun how many consecutive values stayed within the tolerance of {@code flatRef}
 */
public record QcState(
        long lastTime,
        double goodValue,
        long goodTime,
        double heldValue,
        long heldTime,
        long heldSeq,
        int heldFlag,
        double flatRef,
        int flatRun) {
    public static final long NONE = Long.MIN_VALUE;
    public static final QcState EMPTY = new QcState(NONE, 0, NONE, 0, NONE, -1, 1, 0, 0);

    public boolean holding() {
        return heldTime != NONE;
    }
}
