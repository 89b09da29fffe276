package vn.canhbao.vms.camera;

import java.util.Optional;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.vms.web.ProblemException;

/**
 * Body of {@code POST /api/v1/cameras}. Fields may be missing in the JSON; {@link #toCamera()}
 * rejects what is wrong with a message naming the field and value.
 */
public record NewCamera(
        String id, String name, String siteId, Double lat, Double lon, String sourceUrl) {

    public Camera toCamera() {
        if (id == null) {
            throw ProblemException.badRequest("id", null, "expected a camera id");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.badRequest("name", name, "expected 1 to 200 characters");
        }
        if (lat == null) {
            throw ProblemException.badRequest("lat", null, "expected a latitude from -90 to 90");
        }
        if (lon == null) {
            throw ProblemException.badRequest("lon", null, "expected a longitude from -180 to 180");
        }
        Optional<String> url = Optional.ofNullable(sourceUrl).filter(s -> !s.isBlank());
        if (url.isPresent() && !url.get().matches("(?i)(rtsp|rtsps|http|https)://\\S+")) {
            throw ProblemException.badRequest(
                    "sourceUrl", sourceUrl, "expected an rtsp:// or http:// URL");
        }
        // CameraId, SiteId and GeoPoint throw ContractViolation naming the field; mapped to 400.
        return new Camera(
                CameraId.of(id),
                name,
                Optional.ofNullable(siteId).map(SiteId::of),
                new GeoPoint(lat, lon),
                url);
    }
}
