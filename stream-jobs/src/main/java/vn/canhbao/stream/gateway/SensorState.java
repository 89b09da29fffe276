package vn.canhbao.stream.gateway;

import java.util.Arrays;
import java.util.Objects;
import vn.canhbao.hazards.flood.FloodRuleState;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.hazards.wind.WindRule;

/**
 * Everything the rules keep for one sensor, kept inside its gateway's {@link GatewayState}.
 * Immutable but for {@code recent}, which is changed in place: the heap backend's copy-on-write
 * snapshots may still be writing the previous value, so {@link GatewayState#copy()} copies it.
 *
 * @param qc quality-control state (never null; {@link QcState#EMPTY} before the first reading)
 * @param qcTimer processing time of the timer that releases a held QC value, 0 for none
 * @param flood the flood-stage rule's open episode, null when none is open
 * @param clearedAt reading time of the reading that closed the last flood episode, {@link
 *     Long#MIN_VALUE} for none: older readings delivered late must not open a phantom episode
 * @param clearedAtSetAt processing time {@code clearedAt} was set; it is forgotten {@link
 *     GatewayRulesFunction#CLEARED_AT_TTL} later
 * @param rise the rate-of-rise rule's window and lifecycle, null when empty
 * @param wind the wind rule's bins and lifecycle, null when empty
 * @param stuck the open stuck-sensor episode, null when none
 * @param recent times of the last few readings of a site-input sensor (to drop repeats), a ring
 *     once full; null when none. The one part <b>changed in place</b> (the gateway rules overwrite
 *     the ring's next slot): whoever keeps a state beyond the current reading takes a {@link
 *     #copy()}
 * @param recentNext the ring's slot the next time goes to (its oldest time once full)
 * @param recentNewest the newest of the times, {@link #NO_TIME} when none: a reading newer than it
 *     is no repeat, which settles most readings without reading the ring
 */
public record SensorState(
        QcState qc,
        long qcTimer,
        FloodRuleState flood,
        long clearedAt,
        long clearedAtSetAt,
        RiseState rise,
        WindRule.State wind,
        StuckEpisode stuck,
        long[] recent,
        int recentNext,
        long recentNewest) {

    public static final long NO_TIME = Long.MIN_VALUE;

    public static final SensorState EMPTY =
            new SensorState(QcState.EMPTY, 0, null, NO_TIME, 0, null, null, null, null, 0, NO_TIME);

    public SensorState {
        Objects.requireNonNull(qc, "qc");
    }

    /**
     * An open stuck-sensor episode.
     *
     * @param start time of the first flat-line value (epoch millis): fixes the alert id
     * @param revision the revision last emitted
     * @param level the level last emitted (1 suspect, 2 fail)
     */
    public record StuckEpisode(long start, int revision, int level) {}

    /** This state with its own copy of the part changed in place ({@code recent}). */
    public SensorState copy() {
        return recent == null
                ? this
                : new SensorState(
                        qc,
                        qcTimer,
                        flood,
                        clearedAt,
                        clearedAtSetAt,
                        rise,
                        wind,
                        stuck,
                        recent.clone(),
                        recentNext,
                        recentNewest);
    }

    /** True if nothing is kept: the entry can be removed. */
    public boolean isEmpty() {
        return qc.equals(QcState.EMPTY)
                && qcTimer == 0
                && flood == null
                && clearedAt == NO_TIME
                && rise == null
                && wind == null
                && stuck == null
                && recent == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorState s
                && qc.equals(s.qc)
                && qcTimer == s.qcTimer
                && Objects.equals(flood, s.flood)
                && clearedAt == s.clearedAt
                && clearedAtSetAt == s.clearedAtSetAt
                && Objects.equals(rise, s.rise)
                && Objects.equals(wind, s.wind)
                && Objects.equals(stuck, s.stuck)
                && Arrays.equals(recent, s.recent)
                && recentNext == s.recentNext
                && recentNewest == s.recentNewest;
    }

    @Override
    public int hashCode() {
        return Objects.hash(qc, qcTimer, flood, clearedAt, rise, wind, stuck)
                + 31 * Arrays.hashCode(recent);
    }

    @Override
    public String toString() {
        return "SensorState[qc="
                + qc
                + ", qcTimer="
                + qcTimer
                + ", flood="
                + flood
                + ", clearedAt="
                + clearedAt
                + ", rise="
                + rise
                + ", wind="
                + wind
                + ", stuck="
                + stuck
                + ", recent="
                + Arrays.toString(recent)
                + ", recentNext="
                + recentNext
                + ", recentNewest="
                + recentNewest
                + "]";
    }
}
