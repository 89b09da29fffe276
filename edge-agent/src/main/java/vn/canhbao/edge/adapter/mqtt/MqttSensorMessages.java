package vn.canhbao.edge.adapter.mqtt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.senml.SenmlFormat;
import vn.canhbao.edge.adapter.senml.SensorSenmlDecoder;

/**
 * Decodes one local MQTT message: the topic {@code {prefix}/{sensorId}} names a configured sensor,
 * the payload is a SenML pack about it (CBOR when the content type is {@code
 * application/senml+cbor}, else JSON). Thread-safe and stateless.
 */
public final class MqttSensorMessages {
    public static final String CBOR_CONTENT_TYPE = "application/senml+cbor";

    private final String prefix;
    private final KnownSensors sensors;
    private final SensorSenmlDecoder decoder;

    public MqttSensorMessages(String topicPrefix, KnownSensors sensors, int maxPayloadBytes) {
        this.prefix = Objects.requireNonNull(topicPrefix, "topicPrefix") + "/";
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.decoder =
                new SensorSenmlDecoder(
                        sensors, maxPayloadBytes, SensorSenmlDecoder.DEFAULT_MAX_RECORDS);
    }

    /**
     * @param contentType the MQTT 5 content type, or null
     * @throws ContractViolation naming {@code topic}, {@code payload} or the bad SenML field
     */
    public List<Sample> decode(String topic, byte[] payload, String contentType, Instant now) {
        if (topic == null || !topic.startsWith(prefix)) {
            throw new ContractViolation("topic", topic, "expected " + prefix + "{sensorId}");
        }
        SensorId sensor = sensors.require(topic.substring(prefix.length()), "topic");
        SenmlFormat format =
                CBOR_CONTENT_TYPE.equals(contentType) ? SenmlFormat.CBOR : SenmlFormat.JSON;
        return decoder.decode(payload, format, sensor, now);
    }
}
