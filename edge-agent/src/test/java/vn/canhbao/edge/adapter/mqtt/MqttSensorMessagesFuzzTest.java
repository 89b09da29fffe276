package vn.canhbao.edge.adapter.mqtt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;

/**
 * Fuzzes the local MQTT message decoder with arbitrary topics, content types and payloads: only
 * valid samples of the topic's configured sensor, or a {@link ContractViolation} naming a field.
 * The committed corpus replays on every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class MqttSensorMessagesFuzzTest {
    private static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");
    private static final KnownSensors SENSORS =
            KnownSensors.of(
                    Map.of(
                            SensorId.of("wl-ta-van"),
                            Quantity.WATER_LEVEL,
                            SensorId.of("rg-ta-van"),
                            Quantity.RAIN));
    private final MqttSensorMessages messages = new MqttSensorMessages("sensors", SENSORS, 4096);

    @FuzzTest(maxDuration = "30s")
    void messageEitherDecodesValidSamplesOrNamesTheField(FuzzedDataProvider data) {
        String topic =
                data.pickValue(
                        new String[] {
                            "sensors/wl-ta-van", "sensors/rg-ta-van", "sensors/x", "other/wl-ta-van"
                        });
        if (data.consumeBoolean()) {
            topic = "sensors/" + data.consumeString(70);
        }
        String contentType =
                data.consumeBoolean()
                        ? MqttSensorMessages.CBOR_CONTENT_TYPE
                        : data.consumeString(30);
        byte[] payload = data.consumeRemainingAsBytes();
        try {
            List<Sample> samples = messages.decode(topic, payload, contentType, NOW);
            String sensor = topic.substring("sensors/".length());
            for (Sample s : samples) {
                if (!s.sensor().value().equals(sensor)
                        || !SENSORS.quantitiesOf(s.sensor()).contains(s.quantity())
                        || !s.quantity().inPhysicalRange(s.value())) {
                    throw new AssertionError("accepted an invalid sample " + s + " on " + topic);
                }
            }
        } catch (ContractViolation expected) {
            if (expected.field().isEmpty()) {
                throw new AssertionError("a rejection must name the field", expected);
            }
        }
    }
}
