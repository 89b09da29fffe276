package vn.canhbao.edge.adapter.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import vn.canhbao.contracts.CameraId;

/**
 * The result of one check of a camera, for the health heartbeat.
 *
 * @param camera which camera
 * @param up the stream opened and a video stream was found within the timeout
 * @param codec FFmpeg codec name of the video stream, e.g. {@code h264}, when up
 * @param width pixels, when up
 * @param height pixels, when up
 * @param checkedAt when the check finished
 * @param took how long the check took
 * @param error why it is down (the FFmpeg message), when down
 */
public record CameraHealth(
        CameraId camera,
        boolean up,
        Optional<String> codec,
        OptionalInt width,
        OptionalInt height,
        Instant checkedAt,
        Duration took,
        Optional<String> error) {
    public CameraHealth {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(error, "error");
    }

    static CameraHealth up(
            CameraId camera, String codec, int width, int height, Instant at, Duration took) {
        return new CameraHealth(
                camera,
                true,
                Optional.ofNullable(codec),
                OptionalInt.of(width),
                OptionalInt.of(height),
                at,
                took,
                Optional.empty());
    }

    static CameraHealth down(CameraId camera, String error, Instant at, Duration took) {
        return new CameraHealth(
                camera,
                false,
                Optional.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                at,
                took,
                Optional.of(error));
    }
}
