package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifier of a site: 1-63 of {@code [a-z0-9-]}, unique across the platform. */
public record SiteId(@JsonValue String value) {
    public SiteId {
        Ids.check(value, "siteId");
    }

    @JsonCreator
    public static SiteId of(String value) {
        return new SiteId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
