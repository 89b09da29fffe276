package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifier of a gateway: 1-63 of {@code [a-z0-9-]}, unique across the platform. */
public record GatewayId(@JsonValue String value) {
    public GatewayId {
        Ids.check(value, "gatewayId");
    }

    @JsonCreator
    public static GatewayId of(String value) {
        return new GatewayId(value);
    }

    // Written out: the generated record equals/hashCode go through method handles that showed in
    // ingest's profile (ids are compared for every reading).
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof GatewayId other && value.equals(other.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
