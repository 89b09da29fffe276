package vn.canhbao.registry.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.gateway.GatewayRepository;
import vn.canhbao.registry.publish.SiteConfigReader;

/**
 * Builds a gateway's configuration message, {@code cb.gateway-config.v1}: the site's {@link
 * SiteConfig} (as on Kafka, all sensors and thresholds), the gateway's own sensor ids and the
 * version, which is the site's version (every change of the site, its gateways or sensors bumps
 * it).
 *
 * <pre>{"schema":"cb.gateway-config.v1","gateway":"gw-1","version":4,
 *  "sensors":["rg-1","wl-1"],"site":{...SiteConfig...}}</pre>
 */
@ApplicationScoped
public class GatewayConfigs {
    public static final String SCHEMA = "cb.gateway-config.v1";

    private final Jdbc jdbc;
    private final GatewayRepository gateways;
    private final SiteConfigReader reader;

    public GatewayConfigs(Jdbc jdbc, GatewayRepository gateways, SiteConfigReader reader) {
        this.jdbc = jdbc;
        this.gateways = gateways;
        this.reader = reader;
    }

    /** The gateway's current configuration message, or empty when the gateway does not exist. */
    public Optional<GatewayConfig> load(GatewayId gateway) {
        Optional<SiteId> site = jdbc.inTransaction(c -> gateways.siteOf(c, gateway));
        return site.flatMap(reader::load).map(config -> of(gateway, config));
    }

    static GatewayConfig of(GatewayId gateway, SiteConfig site) {
        try {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("schema", SCHEMA);
            node.put("gateway", gateway.value());
            node.put("version", site.version());
            var sensors = node.putArray("sensors");
            site.sensors().stream()
                    .filter(s -> s.gateway().equals(gateway))
                    .forEach(s -> sensors.add(s.sensor().value()));
            JsonNode siteNode = Json.mapper().readTree(SiteConfig.CODEC.encode(site));
            node.set("site", siteNode);
            return new GatewayConfig(gateway, site.version(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gateway's configuration message and its version. */
    public record GatewayConfig(GatewayId gateway, long version, JsonNode json) {
        public byte[] bytes() {
            try {
                return Json.mapper().writeValueAsBytes(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
