package vn.canhbao.registry.gateway;

import java.util.Objects;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SiteId;

/** A validated gateway: a field device that forwards its sensors' readings over MQTT. */
public record Gateway(GatewayId id, SiteId site, String name) {
    public Gateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
    }
}
