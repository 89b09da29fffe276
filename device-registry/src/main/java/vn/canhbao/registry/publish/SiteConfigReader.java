package vn.canhbao.registry.publish;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.sensor.SensorRepository;
import vn.canhbao.registry.site.Site;
import vn.canhbao.registry.site.SiteRepository;

/** Assembles the contracts {@link SiteConfig} of a site from one consistent database snapshot. */
@ApplicationScoped
public class SiteConfigReader {
    private final Jdbc jdbc;
    private final SiteRepository sites;
    private final SensorRepository sensors;

    public SiteConfigReader(Jdbc jdbc, SiteRepository sites, SensorRepository sensors) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.sensors = sensors;
    }

    /** The site's current configuration, or empty when there is no such site. */
    public Optional<SiteConfig> load(SiteId id) {
        return jdbc.inSnapshot(
                c -> {
                    var stored = sites.find(c, id);
                    if (stored.isEmpty()) {
                        return Optional.empty();
                    }
                    Site s = stored.get().site();
                    return Optional.of(
                            new SiteConfig(
                                    s.id(),
                                    stored.get().version(),
                                    s.name(),
                                    s.commune(),
                                    s.province(),
                                    s.location(),
                                    sensors.ofSite(c, id),
                                    s.flood(),
                                    stored.get().updatedAt()));
                });
    }
}
