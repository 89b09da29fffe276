package vn.canhbao.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;

class CoapIngestConfigTest {
    private static final GatewayId GW = GatewayId.of("gw-a");

    @Test
    void defaultsAreDtlsOnlyWithSixteenKibPacks() {
        CoapIngestConfig c = CoapIngestConfig.of(5684, Map.of(GW, "0123456789abcdef"), "k:9092");
        assertThat(c.insecurePort()).isEmpty();
        assertThat(c.maxPayloadBytes()).isEqualTo(16 * 1024);
    }

    @Test
    void rejectsShortKeysWithoutPrintingThemAndBadPorts() {
        assertThatThrownBy(() -> CoapIngestConfig.of(5684, Map.of(GW, "secret"), "k:9092"))
                .hasMessageContaining("gatewayKeys[gw-a]")
                .hasMessageNotContaining("secret");
        CoapIngestConfig ok = CoapIngestConfig.of(5684, Map.of(GW, "0123456789abcdef"), "k:9092");
        assertThatThrownBy(() -> ok.withInsecurePort(5684)).hasMessageContaining("insecurePort");
        assertThatThrownBy(() -> ok.withMaxPayloadBytes(0)).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> CoapIngestConfig.of(5684, Map.of(), "kafka"))
                .hasMessageContaining("kafkaBootstrapServers");
    }
}
