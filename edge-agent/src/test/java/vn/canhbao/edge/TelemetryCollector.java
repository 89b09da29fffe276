package vn.canhbao.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SenmlCodec;

/**
 * The test's own MQTT 5 subscriber: a persistent session (clean start off) on a gateway's telemetry
 * and state topics, QoS 1, recording what arrives in arrival order. Thread-safe.
 */
final class TelemetryCollector implements AutoCloseable {
    private final MqttAsyncClient client;
    private final GatewayId gateway;
    private final SenmlCodec codec = new SenmlCodec();
    private final List<Reading> readings = new ArrayList<>();
    private final List<StateMessage> states = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    record StateMessage(String json, boolean retained) {}

    private TelemetryCollector(String brokerUri, String clientId, GatewayId gateway)
            throws MqttException {
        this.gateway = gateway;
        this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
    }

    /** Connects and subscribes before returning. */
    static TelemetryCollector subscribe(String brokerUri, String clientId, GatewayId gateway)
            throws MqttException {
        TelemetryCollector c = new TelemetryCollector(brokerUri, clientId, gateway);
        c.start();
        return c;
    }

    private void start() throws MqttException {
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 1);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(
                        new MqttSubscription[] {
                            new MqttSubscription(MqttTopics.telemetry(gateway), 1),
                            new MqttSubscription(MqttTopics.state(gateway), 1)
                        })
                .waitForCompletion(10_000);
    }

    synchronized List<Long> seqsInArrivalOrder() {
        return readings.stream().map(Reading::seq).toList();
    }

    synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    synchronized List<StateMessage> states() {
        return List.copyOf(states);
    }

    synchronized Optional<StateMessage> lastState() {
        return states.isEmpty() ? Optional.empty() : Optional.of(states.get(states.size() - 1));
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            synchronized (TelemetryCollector.this) {
                if (topic.equals(MqttTopics.state(gateway))) {
                    states.add(
                            new StateMessage(
                                    new String(
                                            message.getPayload(),
                                            java.nio.charset.StandardCharsets.UTF_8),
                                    message.isRetained()));
                } else {
                    try {
                        byte[] payload = message.getPayload();
                        if (vn.canhbao.edge.uplink.PayloadCompression.isGzip(payload)) {
                            try (var in =
                                    new java.util.zip.GZIPInputStream(
                                            new java.io.ByteArrayInputStream(payload))) {
                                payload = in.readAllBytes();
                            }
                        }
                        readings.addAll(
                                codec.decode(payload, MqttTopics.gatewayOf(topic)).readings());
                    } catch (RuntimeException | java.io.IOException e) {
                        errors.add(e.toString());
                    }
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            synchronized (TelemetryCollector.this) {
                errors.add(exception.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
