package vn.canhbao.vms.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import vn.canhbao.contracts.CameraId;

/**
 * A finished segment file: complete, renamed to its final name and flushed to disk.
 *
 * @param camera the camera it shows
 * @param relativePath path under the storage directory, with {@code /} separators
 * @param start wall-clock UTC time of its first packet
 * @param end wall-clock UTC time where the next segment starts (rotation) or of its last packet
 *     (source lost or recorder stopped)
 * @param bytes file size
 * @param codec FFmpeg codec name of the video stream, copied from the source, e.g. {@code h264}
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param gapBefore true when this segment does not continue the previous one without a break (first
 *     segment after a (re)connect)
 * @param packets video packets written
 */
public record ClosedSegment(
        CameraId camera,
        Path relativePath,
        Instant start,
        Instant end,
        long bytes,
        String codec,
        int width,
        int height,
        boolean gapBefore,
        long packets) {

    public ClosedSegment {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(codec, "codec");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }
}
