package vn.canhbao.ingest.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * The pure step of ingest: the bytes of one MQTT telemetry message and its topic become either
 * telemetry records or one dead letter. No I/O; thread-safe.
 *
 * <p>The gateway is taken from the topic, which the broker's ACL binds to the gateway's
 * certificate, and every reading in the payload must name that same gateway.
 */
public final class TelemetryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryHandler.class);

    /** Dead-letter header (ingest's own): the original payload size when the value was cut. */
    public static final String DLQ_ORIGINAL_BYTES = "cb-original-bytes";

    private final SenmlCodec codec;
    private final int maxPayloadBytes;
    private final Clock clock;

    /**
     * @param maxPayloadBytes larger payloads are rejected, and their dead letter carries only this
     *     many leading bytes
     * @param clock gives the {@code receivedAt} of records and the {@code cb-rejected-at} of dead
     *     letters
     */
    public TelemetryHandler(int maxPayloadBytes, Clock clock) {
        this.codec = new SenmlCodec(maxPayloadBytes, SenmlCodec.DEFAULT_MAX_RECORDS);
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome handle(String topic, byte[] payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Instant now = clock.instant();
        Optional<GatewayId> gateway = Optional.empty();
        try {
            GatewayId gw = MqttTopics.gatewayOf(topic);
            gateway = Optional.of(gw);
            if (!MqttTopics.telemetry(gw).equals(topic)) {
                throw new ContractViolation("topic", topic, "expected " + MqttTopics.telemetry(gw));
            }
            ReadingBatch batch = codec.decode(payload, gw);
            List<KafkaWrite> writes = new ArrayList<>(batch.readings().size());
            for (Reading r : batch.readings()) {
                writes.add(
                        new KafkaWrite(
                                KafkaTopics.TELEMETRY,
                                r.sensorKey(),
                                TelemetryRecord.CODEC.encode(TelemetryRecord.of(r, now)),
                                Map.of()));
            }
            return new Outcome.Accepted(gw, writes);
        } catch (ContractViolation v) {
            return reject(v, topic, gateway, payload, now);
        } catch (RuntimeException e) {
            // A decoder bug must not turn one message into a poison pill that is redelivered
            // forever.
            LOG.error("Unexpected error decoding telemetry on {}; dead-lettering it", topic, e);
            return reject(
                    new ContractViolation(
                            "payload", payload.length + " bytes", "could not be decoded: " + e),
                    topic,
                    gateway,
                    payload,
                    now);
        }
    }

    private Outcome reject(
            ContractViolation v,
            String topic,
            Optional<GatewayId> gateway,
            byte[] payload,
            Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KafkaTopics.DLQ_REASON, v.getMessage());
        headers.put(KafkaTopics.DLQ_FIELD, v.field());
        headers.put(KafkaTopics.DLQ_SOURCE, topic);
        headers.put(KafkaTopics.DLQ_REJECTED_AT, now.toString());
        byte[] value = payload;
        if (payload.length > maxPayloadBytes) {
            // Keep the dead letter within one Kafka record; the head of the payload shows what it
            // was.
            value = Arrays.copyOf(payload, maxPayloadBytes);
            headers.put(DLQ_ORIGINAL_BYTES, Integer.toString(payload.length));
        }
        String key = gateway.map(GatewayId::value).orElse(topic);
        return new Outcome.Rejected(
                v,
                fieldGroup(v.field()),
                new KafkaWrite(KafkaTopics.TELEMETRY_DLQ, key, value, headers));
    }

    /**
     * {@code [3].v} becomes {@code v}, {@code [0].bn} becomes {@code bn}: a bounded set of counter
     * labels.
     */
    static String fieldGroup(String field) {
        String f = field.replaceFirst("^\\[\\d+]\\.?", "");
        return f.isEmpty() ? "record" : f;
    }
}
