package vn.canhbao.registry.site;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.publish.SiteConfigRelay;
import vn.canhbao.registry.security.CurrentActor;

/**
 * Creates, replaces and reads sites. Each committed change bumps the site's version and wakes the
 * {@link SiteConfigRelay}, which distributes the new configuration.
 */
@ApplicationScoped
public class SiteService {
    private final Jdbc jdbc;
    private final SiteRepository sites;
    private final SiteConfigRelay relay;
    private final AuditLog audit;
    private final CurrentActor actor;

    public SiteService(
            Jdbc jdbc,
            SiteRepository sites,
            SiteConfigRelay relay,
            AuditLog audit,
            CurrentActor actor) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.relay = relay;
        this.audit = audit;
        this.actor = actor;
    }

    /**
     * @throws vn.canhbao.contracts.ContractViolation 400, naming the bad field
     * @throws RegistryException 409 when the id is taken
     */
    public SiteView create(SiteBody body) {
        Site site = Fields.required(body, "body").toSite();
        StoredSite stored =
                jdbc.inTransaction(
                        c -> {
                            sites.insert(c, site);
                            StoredSite after = sites.find(c, site.id()).orElseThrow();
                            audit.record(
                                    c,
                                    actor.name(),
                                    "create",
                                    "site",
                                    site.id().value(),
                                    null,
                                    SiteView.of(after));
                            return after;
                        });
        relay.wakeUp();
        return SiteView.of(stored);
    }

    /**
     * Replaces every field of an existing site.
     *
     * @throws vn.canhbao.contracts.ContractViolation 400, naming the bad field
     * @throws RegistryException 404 when there is no such site
     */
    public SiteView replace(String id, SiteBody body) {
        SiteId siteId = Fields.parse(id, "id", SiteId::of);
        Site site = Fields.required(body, "body").toSite(siteId);
        StoredSite stored =
                jdbc.inTransaction(
                        c -> {
                            if (!sites.lock(c, siteId)) {
                                throw RegistryException.notFound("site", siteId);
                            }
                            StoredSite before = sites.find(c, siteId).orElseThrow();
                            sites.update(c, site);
                            StoredSite after = sites.find(c, siteId).orElseThrow();
                            audit.record(
                                    c,
                                    actor.name(),
                                    "replace",
                                    "site",
                                    siteId.value(),
                                    SiteView.of(before),
                                    SiteView.of(after));
                            return after;
                        });
        relay.wakeUp();
        return SiteView.of(stored);
    }

    /**
     * @throws RegistryException 404 when there is no such site
     */
    public SiteView get(String id) {
        SiteId siteId = Fields.parse(id, "id", SiteId::of);
        return jdbc.inTransaction(c -> sites.find(c, siteId))
                .map(SiteView::of)
                .orElseThrow(() -> RegistryException.notFound("site", siteId));
    }

    public List<SiteView> list() {
        return jdbc.inTransaction(sites::list).stream().map(SiteView::of).toList();
    }
}
