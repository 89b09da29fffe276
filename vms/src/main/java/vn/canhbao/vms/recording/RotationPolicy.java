package vn.canhbao.vms.recording;

import java.time.Duration;
import java.time.Instant;

/**
 * When a segment ends. Boundaries are aligned on the wall clock (multiples of the segment duration
 * since the epoch, like FFmpeg's {@code segment_atclocktime}), so segments of all cameras line up;
 * a segment closes at the first keyframe at or after its boundary, because a segment must start
 * with a keyframe to be playable on its own. The boundary of a segment is the first aligned instant
 * at least half a duration after its start, so segments last between half and one and a half
 * durations plus the keyframe interval.
 */
public final class RotationPolicy {
    private final Duration segmentDuration;

    public RotationPolicy(Duration segmentDuration) {
        if (segmentDuration == null || segmentDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "segmentDuration: expected at least 1 s, got " + segmentDuration);
        }
        this.segmentDuration = segmentDuration;
    }

    /** The wall-clock boundary after which a segment started at {@code segmentStart} closes. */
    public Instant boundaryFor(Instant segmentStart) {
        long d = segmentDuration.toMillis();
        long earliest = segmentStart.toEpochMilli() + d / 2;
        long aligned = Math.floorDiv(earliest + d - 1, d) * d;
        return Instant.ofEpochMilli(aligned);
    }

    /** True if the packet received at {@code now} must start a new segment. */
    public boolean shouldRotate(Instant boundary, Instant now, boolean keyframe) {
        return keyframe && !now.isBefore(boundary);
    }

    public Duration segmentDuration() {
        return segmentDuration;
    }
}
