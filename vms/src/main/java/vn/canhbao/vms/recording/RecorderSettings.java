package vn.canhbao.vms.recording;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import vn.canhbao.contracts.CameraId;

/**
 * What one camera recorder needs.
 *
 * @param camera the camera
 * @param sourceUrl where to read it: {@code rtsp://…} (TCP transport) or {@code http://…} (MPEG-TS)
 * @param storageDir root of the segment files
 * @param rotation when segments end
 * @param ioTimeout open and read timeout towards the source
 * @param backoff wait between reconnect attempts
 * @param clock the wall clock used for segment times
 */
public record RecorderSettings(
        CameraId camera,
        String sourceUrl,
        Path storageDir,
        RotationPolicy rotation,
        Duration ioTimeout,
        Backoff backoff,
        Clock clock) {

    public RecorderSettings {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(storageDir, "storageDir");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(clock, "clock");
        if (sourceUrl == null || sourceUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "sourceUrl: expected a camera URL, got '" + sourceUrl + "'");
        }
        if (ioTimeout == null || ioTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(
                    "ioTimeout: expected at least 100 ms, got " + ioTimeout);
        }
    }
}
