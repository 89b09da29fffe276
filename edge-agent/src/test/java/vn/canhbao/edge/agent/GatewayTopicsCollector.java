package vn.canhbao.edge.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;

/**
 * The test's MQTT 5 peer on a gateway's whole topic tree: a persistent session (survives a broker
 * restart with Mosquitto's persistence) recording every message in arrival order; it also
 * publishes, as the registry would.
 */
final class GatewayTopicsCollector implements AutoCloseable {
    record Message(String topic, String text, boolean retained, byte[] payload) {}

    private final MqttAsyncClient client;
    private final List<Message> messages = new ArrayList<>();

    GatewayTopicsCollector(String brokerUri, String clientId, GatewayId gateway)
            throws MqttException {
        client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 1);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(MqttTopics.PREFIX + gateway.value() + "/#", 1).waitForCompletion(10_000);
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained).waitForCompletion(10_000);
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<Message> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            synchronized (GatewayTopicsCollector.this) {
                messages.add(
                        new Message(
                                topic,
                                new String(message.getPayload(), StandardCharsets.UTF_8),
                                message.isRetained(),
                                message.getPayload()));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
