package vn.canhbao.edge.adapter.camera;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * @param cameras the cameras to check (each id once)
 * @param interval time between two rounds of checks
 * @param timeout connect and read timeout of one check or snapshot (FFmpeg {@code timeout} and
 *     {@code rw_timeout})
 * @param snapshotFrames how many decoded frames a snapshot may wait for a keyframe
 */
public record CameraProbeConfig(
        List<CameraTarget> cameras, Duration interval, Duration timeout, int snapshotFrames) {
    public CameraProbeConfig {
        cameras = List.copyOf(cameras);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        HashSet<Object> ids = new HashSet<>();
        for (CameraTarget c : cameras) {
            if (!ids.add(c.camera())) {
                throw new IllegalArgumentException("camera listed twice: " + c.camera());
            }
        }
        if (interval.toMillis() < 100 || timeout.toMillis() < 100) {
            throw new IllegalArgumentException("interval and timeout must be ≥ 100 ms");
        }
        if (snapshotFrames < 1) {
            throw new IllegalArgumentException("snapshotFrames must be ≥ 1, got " + snapshotFrames);
        }
    }

    /** Defaults: a round every 60 s, 10 s timeout, a keyframe within 300 frames. */
    public static CameraProbeConfig of(List<CameraTarget> cameras) {
        return new CameraProbeConfig(cameras, Duration.ofSeconds(60), Duration.ofSeconds(10), 300);
    }

    public CameraProbeConfig withInterval(Duration interval) {
        return new CameraProbeConfig(cameras, interval, timeout, snapshotFrames);
    }

    public CameraProbeConfig withTimeout(Duration timeout) {
        return new CameraProbeConfig(cameras, interval, timeout, snapshotFrames);
    }
}
