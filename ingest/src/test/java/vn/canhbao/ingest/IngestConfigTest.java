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
