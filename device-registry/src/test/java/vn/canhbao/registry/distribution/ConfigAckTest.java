package vn.canhbao.registry.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;

class ConfigAckTest {
    private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

    private static ConfigAck parse(String json) {
        return ConfigAck.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static void refused(String json, String field) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void acceptedAndRefusedAcknowledgementsParse() {
        assertThat(parse("{\"version\":4,\"accepted\":true}"))
                .isEqualTo(new ConfigAck(4, true, null, NOW));
        assertThat(parse("{\"version\":5,\"accepted\":false,\"reason\":\"bad sensor\"}"))
                .isEqualTo(new ConfigAck(5, false, "bad sensor", NOW));
    }

    @Test
    void malformedAcknowledgementsAreRefusedNamingTheField() {
        refused("not json", "body");
        refused("[1]", "body");
        refused("{\"accepted\":true}", "version");
        refused("{\"version\":0,\"accepted\":true}", "version");
        refused("{\"version\":\"x\",\"accepted\":true}", "version");
        refused("{\"version\":3}", "accepted");
        refused("{\"version\":3,\"accepted\":\"yes\"}", "accepted");
    }
}
