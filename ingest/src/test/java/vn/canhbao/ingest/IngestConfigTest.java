package vn.canhbao.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void defaultsApplyToEverythingButAddressesAndClientId() {
        IngestConfig c = IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092");

        assertThat(c.shareGroup()).isEqualTo("ingest");
        assertThat(c.maxPayloadBytes()).isEqualTo(256 * 1024);
        assertThat(c.sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(c.kafkaDeliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.mqttConnections()).isEqualTo(1);
    }

    @Test
    void eachMqttConnectionHasItsOwnStableClientIdTheFirstBeingTheInstances() {
        IngestConfig c =
                IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092")
                        .withMqttConnections(3);

        assertThat(c.mqttClientIds()).containsExactly("ingest-1", "ingest-1.1", "ingest-1.2");
        assertThat(c.withMqttConnections(1).mqttClientIds()).containsExactly("ingest-1");
        assertThat(c.mqttClientIds()).isEqualTo(c.withMetricsPort(0).mqttClientIds());
    }

    @Test
    void rejectsFewerThanOneMqttConnectionNamingFieldAndValue() {
        IngestConfig c = IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092");

        assertThatThrownBy(() -> c.withMqttConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mqttConnections: expected 1..16 (got \"0\")");
        assertThatThrownBy(() -> c.withMqttConnections(-3))
                .hasMessageContaining("mqttConnections")
                .hasMessageContaining("-3");
        assertThatThrownBy(() -> c.withMqttConnections(17))
                .hasMessageContaining("mqttConnections")
                .hasMessageContaining("17");
    }

    @Test
    void rejectsAClientIdWhoseDerivedIdsWouldBeTooLong() {
        String id62 = "i".repeat(62);
        IngestConfig c = IngestConfig.of("tcp://127.0.0.1:1883", id62, "127.0.0.1:9092");

        assertThat(c.withMqttConnections(10).mqttClientIds()).endsWith(id62 + ".9");
        assertThatThrownBy(() -> c.withMqttConnections(11))
                .hasMessageContaining("clientId")
                .hasMessageContaining(id62)
                .hasMessageContaining("at most 61 characters");
    }

    @Test
    void rejectsAMqttUriWithoutPortNamingFieldAndValue() {
        assertThatThrownBy(() -> IngestConfig.of("tcp://127.0.0.1", "ingest-1", "127.0.0.1:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mqttUri")
                .hasMessageContaining("tcp://127.0.0.1");
    }

    @Test
    void rejectsAShareGroupThatIsNotATopicLevel() {
        assertThatThrownBy(
                        () ->
                                IngestConfig.of(
                                                "tcp://127.0.0.1:1883",
                                                "ingest-1",
                                                "127.0.0.1:9092")
                                        .withShareGroup("a/b"))
                .hasMessageContaining("shareGroup")
                .hasMessageContaining("a/b");
    }

    @Test
    void rejectsKafkaBootstrapWithoutPort() {
        assertThatThrownBy(() -> IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "kafka"))
                .hasMessageContaining("kafkaBootstrapServers")
                .hasMessageContaining("kafka");
    }

    @Test
    void rejectsPayloadLimitsThatCouldNotFitInAKafkaRecord() {
        IngestConfig c = IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092");

        assertThatThrownBy(() -> c.withMaxPayloadBytes(2 * 1024 * 1024))
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> c.withMaxPayloadBytes(0)).hasMessageContaining("maxPayloadBytes");
    }

    @Test
    void rejectsSubSecondSessionExpiry() {
        IngestConfig c = IngestConfig.of("tcp://127.0.0.1:1883", "ingest-1", "127.0.0.1:9092");

        assertThatThrownBy(() -> c.withSessionExpiry(Duration.ZERO))
                .hasMessageContaining("sessionExpiry");
    }
}
