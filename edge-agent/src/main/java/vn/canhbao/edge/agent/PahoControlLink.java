package vn.canhbao.edge.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.edge.link.ControlLink;

/**
 * A {@link ControlLink} on its own MQTT 5 connection (Paho; TLS with the gateway's certificate like
 * the uplink), for config, acks and heartbeats, until the uplink's {@code subscribe} works. Clean
 * start (subscriptions are made again after every connect, so the broker redelivers retained
 * configs), reconnect with backoff 1 s doubling to {@code maxDelay} on its own thread {@code
 * canhbao-control}.
 */
public final class PahoControlLink implements ControlLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PahoControlLink.class);

    private final MqttAsyncClient client;
    private final Duration maxDelay;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private volatile boolean closed;
    private long delayMs = 1_000;

    private final java.util.Optional<javax.net.ssl.SSLSocketFactory> socketFactory;

    public PahoControlLink(
            String brokerUri,
            String clientId,
            Duration maxDelay,
            java.util.Optional<vn.canhbao.edge.uplink.UplinkTls> tls) {
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.socketFactory = tls.map(vn.canhbao.edge.uplink.UplinkTls::socketFactory);
        try {
            client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create MQTT client for " + brokerUri, e);
        }
        ScheduledThreadPoolExecutor ex =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "canhbao-control");
                            t.setDaemon(true);
                            return t;
                        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = ex;
        client.setCallback(new Callback());
    }

    public void start() {
        executor.execute(this::connect);
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        socketFactory.ifPresent(o::setSocketFactory);
        try {
            client.connect(o).waitForCompletion(15_000);
            delayMs = 1_000;
            for (String topic : handlers.keySet()) {
                client.subscribe(topic, 1).waitForCompletion(10_000);
            }
            LOG.info("control link connected to {}", client.getServerURI());
        } catch (MqttException e) {
            if (!closed) {
                LOG.debug("control link connect failed: {}", e.getMessage());
                retry();
            }
        }
    }

    private void retry() {
        if (closed) {
            return;
        }
        long d = delayMs;
        delayMs = Math.min(delayMs * 2, maxDelay.toMillis());
        executor.schedule(this::connect, d, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isUp() {
        return client.isConnected();
    }

    @Override
    public void subscribe(String topic, Consumer<byte[]> handler) {
        handlers.put(topic, handler);
        if (client.isConnected()) {
            try {
                client.subscribe(topic, 1);
            } catch (MqttException e) {
                LOG.warn("control link: subscribe to {} failed: {}", topic, e.getMessage());
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
        if (!client.isConnected()) {
            throw new LinkDown("not connected to " + client.getServerURI());
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        try {
            client.publish(topic, m);
        } catch (MqttException e) {
            throw new LinkDown("publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("control link disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("control link close: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.info("control link lost: {}", response.getReasonString());
            if (!closed) {
                executor.execute(PahoControlLink.this::retry);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("control link error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Consumer<byte[]> h = handlers.get(topic);
            if (h == null) {
                return;
            }
            try {
                h.accept(message.getPayload());
            } catch (RuntimeException e) {
                LOG.error("control link: handler for {} failed", topic, e);
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
