package vn.canhbao.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;

class HttpIngestConfigTest {
    private static final GatewayId A = GatewayId.of("gw-a");
    private static final GatewayId B = GatewayId.of("gw-b");

    @Test
    void defaultsBindLoopbackWithSixteenMebibyteBodies() {
        HttpIngestConfig c =
                HttpIngestConfig.of(8088, Map.of(A, "token-of-gateway-a-0123456"), "k:9092");
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.maxBodyBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(c.maxPackBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void rejectsShortOrSharedTokensAndBadLimitsNamingTheField() {
        assertThatThrownBy(() -> HttpIngestConfig.of(8088, Map.of(A, "short"), "k:9092"))
                .hasMessageContaining("gatewayTokens[gw-a]")
                .hasMessageNotContaining("short");
        String same = "the-same-token-for-two-gateways";
        assertThatThrownBy(() -> HttpIngestConfig.of(8088, Map.of(A, same, B, same), "k:9092"))
                .hasMessageContaining("distinct token");
        HttpIngestConfig ok =
                HttpIngestConfig.of(8088, Map.of(A, "token-of-gateway-a-0123456"), "k:9092");
        assertThatThrownBy(() -> ok.withLimits(1024, 512, 10)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> HttpIngestConfig.of(0, Map.of(), "k:9092"))
                .hasMessageContaining("port");
    }
}
