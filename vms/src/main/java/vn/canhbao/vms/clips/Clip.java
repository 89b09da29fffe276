package vn.canhbao.vms.clips;

import java.time.Instant;
import vn.canhbao.contracts.CameraId;

/**
 * One recorded segment that shows the place and time asked for.
 *
 * @param segmentId index id
 * @param camera the camera
 * @param cameraName its display name
 * @param distanceKm from the searched place to the camera
 * @param start wall-clock UTC start of the segment
 * @param end wall-clock UTC end
 * @param bytes file size
 * @param codec as recorded from the camera
 * @param width pixels
 * @param height pixels
 * @param hasGapBefore recording was interrupted just before this segment
 * @param mediaUrl path of the MP4 on this service
 */
public record Clip(
        long segmentId,
        CameraId camera,
        String cameraName,
        double distanceKm,
        Instant start,
        Instant end,
        long bytes,
        String codec,
        int width,
        int height,
        boolean hasGapBefore,
        String mediaUrl) {}
