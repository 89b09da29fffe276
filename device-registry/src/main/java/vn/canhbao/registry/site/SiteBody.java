package vn.canhbao.registry.site;

import java.util.Optional;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;

/**
 * Body of {@code POST /api/v1/sites} (id required) and {@code PUT /api/v1/sites/{id}} (id optional,
 * must match the path). A PUT replaces every field; omitting {@code flood} removes the alarm
 * levels.
 */
public record SiteBody(
        String id,
        String name,
        String commune,
        String province,
        Double lat,
        Double lon,
        FloodBody flood) {

    /**
     * @throws ContractViolation naming the field and value at fault
     */
    public Site toSite() {
        return toSite(Fields.parse(id, "id", SiteId::of));
    }

    /**
     * @throws ContractViolation naming the field and value at fault
     */
    public Site toSite(SiteId pathId) {
        if (id != null && !id.equals(pathId.value())) {
            throw new ContractViolation("id", id, "must match the id in the path (" + pathId + ")");
        }
        return new Site(
                pathId,
                Fields.text(name, "name"),
                Fields.text(commune, "commune"),
                Fields.text(province, "province"),
                new GeoPoint(Fields.required(lat, "lat"), Fields.required(lon, "lon")),
                flood == null ? Optional.empty() : Optional.of(flood.toThresholds()));
    }
}
