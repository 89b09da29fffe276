package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifier of a camera: 1-63 of {@code [a-z0-9-]}, unique across the platform. */
public record CameraId(@JsonValue String value) {
    public CameraId {
        Ids.check(value, "cameraId");
    }

    @JsonCreator
    public static CameraId of(String value) {
        return new CameraId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
