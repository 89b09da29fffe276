package vn.canhbao.registry.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;

/**
 * Body of {@code POST /api/v1/sites} (id required) and {@code PUT /api/v1/sites/{id}} (id optional,
 * must match the path). A PUT replaces every field; omitting {@code flood} removes the alarm
 * levels. The profile fields ({@code elevation} in metres, {@code river}, {@code basin}, {@code
 * landslideSusceptibility} one of {@code thap}, {@code trung-binh}, {@code cao}, {@code rat-cao},
 * {@code hazards} as contracts hazard wire names) are optional.
 */
public record SiteBody(
        String id,
        String name,
        String commune,
        String province,
        Double lat,
        Double lon,
        FloodBody flood,
        Double elevation,
        String river,
        String basin,
        String landslideSusceptibility,
        List<String> hazards) {

    /** The body of the foundation API (no site profile). */
    public SiteBody(
            String id,
            String name,
            String commune,
            String province,
            Double lat,
            Double lon,
            FloodBody flood) {
        this(id, name, commune, province, lat, lon, flood, null, null, null, null, null);
    }

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
                flood == null ? Optional.empty() : Optional.of(flood.toThresholds()),
                toProfile());
    }

    private SiteProfile toProfile() {
        OptionalDouble elev = OptionalDouble.empty();
        if (elevation != null) {
            if (!Double.isFinite(elevation) || elevation < -100 || elevation > 9000) {
                throw new ContractViolation(
                        "elevation", elevation, "expected metres above sea level, -100 to 9000");
            }
            elev = OptionalDouble.of(elevation);
        }
        List<Hazard> hs = new ArrayList<>();
        if (hazards != null) {
            for (String h : hazards) {
                Hazard hazard = Fields.parse(h, "hazards", Hazard::fromWire);
                if (hazard == Hazard.DEVICE_SILENT) {
                    throw new ContractViolation("hazards", h, "not a natural hazard");
                }
                if (hs.contains(hazard)) {
                    throw new ContractViolation("hazards", h, "listed twice");
                }
                hs.add(hazard);
            }
        }
        return new SiteProfile(
                elev,
                optionalText(river, "river"),
                optionalText(basin, "basin"),
                landslideSusceptibility == null
                        ? Optional.empty()
                        : Optional.of(
                                LandslideSusceptibility.fromWire(
                                        landslideSusceptibility, "landslideSusceptibility")),
                hs);
    }

    private static Optional<String> optionalText(String value, String field) {
        return value == null ? Optional.empty() : Optional.of(Fields.text(value, field));
    }
}
