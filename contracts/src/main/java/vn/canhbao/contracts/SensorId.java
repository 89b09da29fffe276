package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifier of a sensor: 1-63 of {@code [a-z0-9-]}, unique across the platform. */
public record SensorId(@JsonValue String value) {
    public SensorId {
        Ids.check(value, "sensorId");
    }

    @JsonCreator
    public static SensorId of(String value) {
        return new SensorId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
