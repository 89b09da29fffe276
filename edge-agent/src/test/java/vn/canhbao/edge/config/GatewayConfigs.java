package vn.canhbao.edge.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.edge.warn.TestSites;

/** Builds config messages the way device-registry's GatewayConfigs does. */
public final class GatewayConfigs {
    private GatewayConfigs() {}

    public static ObjectNode node(long version) {
        try {
            SiteConfig site = TestSites.namCang(version);
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("schema", "cb.gateway-config.v1");
            node.put("gateway", TestSites.GW.value());
            node.put("version", version);
            var sensors = node.putArray("sensors");
            site.sensors().forEach(s -> sensors.add(s.sensor().value()));
            node.set("site", Json.mapper().readTree(SiteConfig.CODEC.encode(site)));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(long version) {
        return bytes(version, n -> {});
    }

    public static byte[] bytes(long version, Consumer<ObjectNode> edit) {
        ObjectNode n = node(version);
        edit.accept(n);
        try {
            return Json.mapper().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
