package vn.canhbao.ingest.registry;

import java.util.Objects;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SiteId;

/**
 * Where a known sensor is, for enrichment: becomes the record headers {@code cb-site}, {@code
 * cb-commune}, {@code cb-province}.
 */
public record SensorPlace(SiteId site, String commune, String province, Quantity quantity) {
    public SensorPlace {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(commune, "commune");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(quantity, "quantity");
    }
}
