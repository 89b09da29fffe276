package vn.canhbao.registry.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.db.Jdbc;

/**
 * {@code GET /api/v1/gateways/{id}/config} and {@code .../config-status}, served through {@code
 * GatewayResource} (JAX-RS does not merge overlapping class paths).
 */
@ApplicationScoped
public class GatewayConfigResource {
    private final Jdbc jdbc;
    private final GatewayConfigRepository repository;
    private final GatewayConfigs configs;

    public GatewayConfigResource(
            Jdbc jdbc, GatewayConfigRepository repository, GatewayConfigs configs) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.configs = configs;
    }

    /** The gateway's current configuration message, as retained on its MQTT config topic. */
    public com.fasterxml.jackson.databind.JsonNode config(String id) {
        GatewayId gateway = Fields.parse(id, "id", GatewayId::of);
        return configs.load(gateway)
                .map(GatewayConfigs.GatewayConfig::json)
                .orElseThrow(() -> RegistryException.notFound("gateway", gateway));
    }

    /** Published version and the gateway's acknowledgements. */
    public GatewayConfigStatus status(String id) {
        GatewayId gateway = Fields.parse(id, "id", GatewayId::of);
        return jdbc.inTransaction(c -> repository.status(c, gateway))
                .orElseThrow(() -> RegistryException.notFound("gateway", gateway));
    }
}
