package vn.canhbao.vms.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import vn.canhbao.contracts.CameraId;

/**
 * File layout: {@code <camera>/<yyyy-MM-dd>/<HHmmss.SSS>Z.mp4}, UTC, relative to the storage
 * directory.
 */
public final class SegmentPaths {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(ZoneOffset.UTC);

    /** Suffix of a segment still being written. */
    public static final String PART_SUFFIX = ".part";

    private SegmentPaths() {}

    public static Path relativePath(CameraId camera, Instant start) {
        return Path.of(camera.value(), DAY.format(start), TIME.format(start) + "Z.mp4");
    }
}
