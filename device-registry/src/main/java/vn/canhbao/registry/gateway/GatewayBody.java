package vn.canhbao.registry.gateway;

import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.api.Fields;

/**
 * Body of {@code POST /api/v1/gateways}.
 *
 * @param id the gateway id, as used in its MQTT topics
 * @param siteId the site it serves
 * @param name display name; the id when omitted
 */
public record GatewayBody(String id, String siteId, String name) {

    /**
     * @throws vn.canhbao.contracts.ContractViolation naming the field and value at fault
     */
    public Gateway toGateway() {
        GatewayId gateway = Fields.parse(id, "id", GatewayId::of);
        return new Gateway(
                gateway,
                Fields.parse(siteId, "siteId", SiteId::of),
                name == null ? gateway.value() : Fields.text(name, "name"));
    }
}
