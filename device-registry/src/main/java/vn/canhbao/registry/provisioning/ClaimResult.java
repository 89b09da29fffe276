package vn.canhbao.registry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What a gateway receives for a valid claim: its certificate, the CA that signed it (and the
 * broker's certificate), where to connect and its first configuration.
 *
 * @param certificate the gateway's client certificate, PEM (CN and SAN URI name the gateway)
 * @param caCertificate the registry CA's certificate, PEM: trust anchor for the broker
 * @param brokerUri the MQTT broker, e.g. {@code ssl://broker:8883}
 * @param topics the gateway's MQTT topics
 * @param config the gateway's configuration, as also retained on its config topic
 */
public record ClaimResult(
        String gatewayId,
        String serial,
        Instant notAfter,
        String certificate,
        String caCertificate,
        String brokerUri,
        Topics topics,
        JsonNode config) {

    public record Topics(
            String telemetry, String events, String state, String config, String configAck) {}
}
