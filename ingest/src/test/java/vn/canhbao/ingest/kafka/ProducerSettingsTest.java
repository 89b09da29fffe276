package vn.canhbao.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {
    @Test
    void producerIsIdempotentWaitsForAllReplicasAndCompressesWithLz4() {
        Map<String, Object> p =
                ProducerSettings.producerProperties(
                        "127.0.0.1:9092", "ingest-1", Duration.ofSeconds(30));

        assertThat(p)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        assertThat((int) p.get(ProducerConfig.LINGER_MS_CONFIG)).isBetween(1, 20);
    }

    @Test
    void shortDeliveryTimeoutKeepsKafkasTimeoutInvariant() {
        Map<String, Object> p =
                ProducerSettings.producerProperties(
                        "127.0.0.1:9092", "ingest-1", Duration.ofSeconds(2));

        int delivery = (int) p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        int linger = (int) p.get(ProducerConfig.LINGER_MS_CONFIG);
        int request = (int) p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        assertThat(delivery).isGreaterThanOrEqualTo(linger + request);
        assertThat((int) p.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isLessThanOrEqualTo(delivery);
    }

    @Test
    void kafkaAcceptsTheProperties() {
        // ProducerConfig validates types, ranges and the idempotence constraints without
        // connecting.
        new ProducerConfig(
                ProducerSettings.producerProperties(
                        "127.0.0.1:9092", "ingest-1", Duration.ofSeconds(30)));
    }
}
