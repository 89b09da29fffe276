package vn.canhbao.vms.index;

import java.time.Instant;
import vn.canhbao.contracts.CameraId;

/**
 * An indexed segment file.
 *
 * @param id database id, also used in its media URL
 * @param camera the camera
 * @param path relative to the storage directory, {@code /}-separated
 * @param start wall-clock UTC start
 * @param end wall-clock UTC end
 * @param bytes file size
 * @param codec FFmpeg codec name as recorded from the camera
 * @param width pixels
 * @param height pixels
 * @param hasGapBefore true if recording was interrupted just before it
 */
public record Segment(
        long id,
        CameraId camera,
        String path,
        Instant start,
        Instant end,
        long bytes,
        String codec,
        int width,
        int height,
        boolean hasGapBefore) {}
