package vn.canhbao.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;

class GatewayStateTest {
    private static final GatewayId GW = GatewayId.of("gw-1");

    @Test
    void birthMessageCarriesStateGatewayTimeAndVersion() throws IOException {
        JsonNode json =
                Json.mapper()
                        .readTree(
                                GatewayState.online(
                                                GW, Instant.parse("2026-09-10T03:00:00Z"), "1.2.3")
                                        .toJson());

        assertThat(json.get("state").asText()).isEqualTo("online");
        assertThat(json.get("gateway").asText()).isEqualTo("gw-1");
        assertThat(json.get("at").asText()).isEqualTo("2026-09-10T03:00:00Z");
        assertThat(json.get("agentVersion").asText()).isEqualTo("1.2.3");
    }

    @Test
    void theLastWillHasNoTimeBecauseTheBrokerSendsItLater() throws IOException {
        JsonNode json =
                Json.mapper()
                        .readTree(GatewayState.offline(GW, Optional.empty(), "1.2.3").toJson());

        assertThat(json.get("state").asText()).isEqualTo("offline");
        assertThat(json.has("at")).isFalse();
    }
}
