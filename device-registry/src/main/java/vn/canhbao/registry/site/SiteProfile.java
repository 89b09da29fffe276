package vn.canhbao.registry.site;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import vn.canhbao.contracts.Hazard;

/**
 * What a site is exposed to, beyond its location: all optional.
 *
 * @param elevationMetres ground elevation above mean sea level, -100 to 9000 m
 * @param river the river or stream at the site
 * @param basin the river basin (lưu vực)
 * @param landslide the slope's landslide-susceptibility class
 * @param hazards the hazards the site is monitored for, without duplicates
 */
public record SiteProfile(
        OptionalDouble elevationMetres,
        Optional<String> river,
        Optional<String> basin,
        Optional<LandslideSusceptibility> landslide,
        List<Hazard> hazards) {

    public static final SiteProfile EMPTY =
            new SiteProfile(
                    OptionalDouble.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of());

    public SiteProfile {
        Objects.requireNonNull(elevationMetres, "elevationMetres");
        Objects.requireNonNull(river, "river");
        Objects.requireNonNull(basin, "basin");
        Objects.requireNonNull(landslide, "landslide");
        hazards = List.copyOf(hazards);
    }
}
