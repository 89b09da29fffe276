package vn.canhbao.ingest.bench;

import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.ingest.kafka.ProducerSettings;

/**
 * The benchmark's baseline: subscribes like ingest (shared subscription, QoS 1, manual acks,
 * receive maximum 1000) and writes each message, unparsed, as one Kafka record with the same
 * producer settings; the PUBACK goes after Kafka's acknowledgement. No validation, no dedup.
 */
final class BareForwarder implements AutoCloseable {
    private final MqttAsyncClient client;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    BareForwarder(String mqttUri, String clientId, String group, String kafka, String topic)
            throws MqttException {
        this.topic = topic;
        this.producer =
                new KafkaProducer<>(
                        ProducerSettings.producerProperties(
                                kafka, "fwd-" + clientId, Duration.ofSeconds(30)));
        this.client = new MqttAsyncClient(mqttUri, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(
                new MqttCallback() {
                    @Override
                    public void messageArrived(String t, MqttMessage m) {
                        int id = m.getId();
                        int qos = m.getQos();
                        String key = t; // unparsed: the topic names the gateway
                        producer.send(
                                new ProducerRecord<>(BareForwarder.this.topic, key, m.getPayload()),
                                (md, e) -> {
                                    if (e == null) {
                                        try {
                                            client.messageArrivedComplete(id, qos);
                                        } catch (MqttException ex) {
                                            // redelivered later
                                        }
                                    }
                                });
                    }

                    @Override
                    public void disconnected(MqttDisconnectResponse r) {}

                    @Override
                    public void mqttErrorOccurred(MqttException e) {}

                    @Override
                    public void deliveryComplete(IMqttToken token) {}

                    @Override
                    public void connectComplete(boolean reconnect, String uri) {}

                    @Override
                    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
                });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(1000);
        client.connect(o).waitForCompletion(15_000);
        client.subscribe(new MqttSubscription(MqttTopics.sharedTelemetry(group), 1))
                .waitForCompletion(15_000);
    }

    @Override
    public void close() throws MqttException {
        producer.flush();
        client.disconnect().waitForCompletion(15_000);
        client.close();
        producer.close();
    }
}
