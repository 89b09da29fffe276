package vn.canhbao.registry.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;

/**
 * Body of {@code POST /api/v1/cameras}. Credentials go in {@code username} and {@code password},
 * never in the address; they are stored encrypted and never returned.
 *
 * @param rtspUrl {@code rtsp://host[:port]/path} or {@code rtsps://...}, without user info
 */
public record CameraBody(
        String id, String siteId, String name, String rtspUrl, String username, String password) {

    /** A validated camera. */
    public record Camera(
            CameraId id,
            SiteId site,
            String name,
            URI rtspUrl,
            Optional<CameraCredentials> credentials) {}

    /**
     * @throws ContractViolation naming the field at fault (never echoing a secret)
     */
    public Camera toCamera() {
        CameraId camera = Fields.parse(id, "id", CameraId::of);
        SiteId site = Fields.parse(siteId, "siteId", SiteId::of);
        String cameraName = name == null ? camera.value() : Fields.text(name, "name");
        URI url = rtsp(Fields.required(rtspUrl, "rtspUrl"));
        Optional<CameraCredentials> credentials = Optional.empty();
        if (username != null || password != null) {
            credentials =
                    Optional.of(
                            new CameraCredentials(
                                    Fields.text(username, "username"),
                                    Fields.required(password, "password")));
        }
        return new Camera(camera, site, cameraName, url, credentials);
    }

    private static URI rtsp(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new ContractViolation("rtspUrl", "(hidden)", "not a URI: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw new ContractViolation(
                    "rtspUrl",
                    "(hidden)",
                    "must not contain credentials; send them as username and password");
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("rtsp") || scheme.equalsIgnoreCase("rtsps"))
                || uri.getHost() == null) {
            throw new ContractViolation("rtspUrl", raw, "expected rtsp://host[:port]/path");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "CameraBody[id=" + id + ", siteId=" + siteId + ", name=" + name + "]";
    }
}
