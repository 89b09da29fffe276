package vn.canhbao.vms.camera;

import java.util.Objects;
import java.util.Optional;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;

/**
 * A camera the VMS knows.
 *
 * @param id unique camera id
 * @param name display name
 * @param site the site it watches, if any
 * @param location where it stands
 * @param sourceUrl where the recorder reads it ({@code rtsp://…} or {@code http://…}); empty for a
 *     camera that is indexed but not recorded by this instance
 */
public record Camera(
        CameraId id,
        String name,
        Optional<SiteId> site,
        GeoPoint location,
        Optional<String> sourceUrl) {
    public Camera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException(
                    "name: expected 1 to 200 characters, got '" + name + "'");
        }
    }
}
