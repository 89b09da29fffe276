package vn.canhbao.registry.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.canhbao.registry.ca.TlsContexts;

/** A Paho MQTT 5 client over mutual TLS that records what it receives. */
final class MqttTestClient implements AutoCloseable {
    record Received(String topic, String payload, boolean retained) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    /**
     * @throws MqttException when the broker refuses the connection (e.g. a revoked certificate)
     */
    static MqttTestClient connect(
            String uri, String clientId, PrivateKey key, X509Certificate cert, X509Certificate ca)
            throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttTestClient c = new MqttTestClient(client);
        client.setCallback(
                new MqttCallback() {
                    @Override
                    public void disconnected(MqttDisconnectResponse r) {}

                    @Override
                    public void mqttErrorOccurred(MqttException e) {}

                    @Override
                    public void messageArrived(String topic, MqttMessage m) {
                        c.received.add(
                                new Received(
                                        topic,
                                        new String(m.getPayload(), StandardCharsets.UTF_8),
                                        m.isRetained()));
                    }

                    @Override
                    public void deliveryComplete(IMqttToken t) {}

                    @Override
                    public void connectComplete(boolean reconnect, String serverUri) {}

                    @Override
                    public void authPacketArrived(int code, MqttProperties p) {}
                });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setSocketFactory(TlsContexts.client(key, cert, ca).getSocketFactory());
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        try {
            client.connect(o);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return c;
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** Publishes at QoS 1 and waits for the broker's PUBACK (whatever its reason code). */
    void publish(String topic, String payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a test client: nothing to recover
        }
    }
}
