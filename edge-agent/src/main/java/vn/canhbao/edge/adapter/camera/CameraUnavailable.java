package vn.canhbao.edge.adapter.camera;

/**
 * A snapshot could not be taken: the camera is unknown, unreachable, or sent no keyframe in time.
 */
public final class CameraUnavailable extends RuntimeException {
    public CameraUnavailable(String message) {
        super(message);
    }

    public CameraUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
