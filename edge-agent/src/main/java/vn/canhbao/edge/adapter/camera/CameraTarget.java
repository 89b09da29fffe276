package vn.canhbao.edge.adapter.camera;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import vn.canhbao.contracts.CameraId;

/**
 * A camera the gateway checks: {@code rtsp://}, {@code rtsps://}, {@code http://} or {@code
 * https://}.
 */
public record CameraTarget(CameraId camera, URI url) {
    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

    public CameraTarget {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null
                || !SCHEMES.contains(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "camera url must be rtsp(s):// or http(s)://host/..., got " + url);
        }
    }

    boolean rtsp() {
        return url.getScheme().startsWith("rtsp");
    }
}
