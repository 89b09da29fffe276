package vn.canhbao.registry.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.publish.SiteConfigRelay;
import vn.canhbao.registry.security.CurrentActor;
import vn.canhbao.registry.site.SiteRepository;

/** Registers and reads gateways. Adding a gateway is a change of its site (version bump). */
@ApplicationScoped
public class GatewayService {
    private final Jdbc jdbc;
    private final GatewayRepository gateways;
    private final SiteRepository sites;
    private final SiteConfigRelay relay;
    private final AuditLog audit;
    private final CurrentActor actor;

    public GatewayService(
            Jdbc jdbc,
            GatewayRepository gateways,
            SiteRepository sites,
            SiteConfigRelay relay,
            AuditLog audit,
            CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
        this.jdbc = jdbc;
        this.gateways = gateways;
        this.sites = sites;
        this.relay = relay;
    }

    /**
     * @throws vn.canhbao.contracts.ContractViolation 400, naming the bad field
     * @throws RegistryException 409 when the id is taken, 400 when the site does not exist
     */
    public GatewayView create(GatewayBody body) {
        Gateway gateway = Fields.required(body, "body").toGateway();
        GatewayView created =
                jdbc.inTransaction(
                        c -> {
                            // Bumping first locks the site row, so concurrent changes of one site
                            // serialise.
                            if (!sites.bumpVersion(c, gateway.site())) {
                                throw RegistryException.unknownReference(
                                        "siteId", "site", gateway.site());
                            }
                            gateways.insert(c, gateway);
                            GatewayView after = gateways.find(c, gateway.id()).orElseThrow();
                            audit.record(
                                    c,
                                    actor.name(),
                                    "create",
                                    "gateway",
                                    gateway.id().value(),
                                    null,
                                    after);
                            return after;
                        });
        relay.wakeUp();
        return created;
    }

    /**
     * @throws RegistryException 404 when there is no such gateway
     */
    public GatewayView get(String id) {
        GatewayId gatewayId = Fields.parse(id, "id", GatewayId::of);
        return jdbc.inTransaction(c -> gateways.find(c, gatewayId))
                .orElseThrow(() -> RegistryException.notFound("gateway", gatewayId));
    }
}
