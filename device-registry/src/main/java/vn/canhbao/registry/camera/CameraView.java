package vn.canhbao.registry.camera;

import java.time.Instant;

/**
 * A camera as the API returns it: the address and whether credentials are stored, never the
 * credentials themselves.
 */
public record CameraView(
        String id,
        String siteId,
        String name,
        String rtspUrl,
        boolean hasCredentials,
        Instant createdAt) {}
