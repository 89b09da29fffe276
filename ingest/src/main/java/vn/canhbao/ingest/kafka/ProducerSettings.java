package vn.canhbao.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place where ingest's Kafka producer is configured.
 *
 * <ul>
 *   <li>{@code acks=all} and {@code enable.idempotence=true}: a record is acknowledged only once
 *       all in-sync replicas have it, and producer retries neither duplicate nor reorder records of
 *       a partition ({@code max.in.flight.requests.per.connection=5} is the idempotent maximum).
 *   <li>{@code compression.type=lz4} and {@code linger.ms=5}: small batches, little latency.
 *   <li>{@code delivery.timeout.ms}: after this a write counts as failed and the MQTT message that
 *       carried it is left unacknowledged, so the broker redelivers it.
 *   <li>{@code max.block.ms}: bounds how long a send waits for metadata while Kafka is unreachable.
 * </ul>
 */
public final class ProducerSettings {
    static final int LINGER_MS = 5;

    /**
     * Above the largest dead letter ({@code IngestConfig.MAX_PAYLOAD_LIMIT_BYTES}) plus headers.
     */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private ProducerSettings() {}

    /**
     * @param bootstrapServers {@code host:port[,host:port…]}
     * @param clientId Kafka client id (shows in broker logs and metrics)
     * @param deliveryTimeout how long a record may take to be acknowledged before it fails
     */
    public static Map<String, Object> producerProperties(
            String bootstrapServers, String clientId, Duration deliveryTimeout) {
        int delivery = (int) deliveryTimeout.toMillis();
        Map<String, Object> p = new TreeMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery - LINGER_MS));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(delivery, 10_000));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return Map.copyOf(p);
    }
}
