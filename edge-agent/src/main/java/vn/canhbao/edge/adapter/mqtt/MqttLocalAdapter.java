package vn.canhbao.edge.adapter.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.edge.adapter.AdapterCounters;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.SampleSink;
import vn.canhbao.edge.adapter.SensorAdapter;

/**
 * Reads sensors that publish SenML to the gateway's local broker on {@code
 * {topicPrefix}/{sensorId}} (Paho MQTT 5). JSON by default; SenML CBOR when the MQTT 5 content type
 * is {@code application/senml+cbor}.
 *
 * <p>Delivery: subscribed with QoS 1, <b>manual acknowledgement</b>: the PUBACK for a message goes
 * to the broker only after the sink took every sample of it, or after it was rejected as bad (bad
 * input is acknowledged, or the broker would resend it forever). When the sink refuses, the message
 * is left unacknowledged and the adapter reconnects (clean start off, same client id), so the
 * broker sends it again: at least once, a pack may arrive twice. Reconnects use backoff from {@code
 * reconnectMin} doubling to {@code reconnectMax}, also when the broker is down at start.
 *
 * <p>Threads: Paho's callback thread handles messages one after another; one scheduler thread
 * {@code canhbao-mqtt-local} (re)connects.
 */
public final class MqttLocalAdapter implements SensorAdapter {
    public static final String NAME = "mqtt-local";
    public static final String CBOR_CONTENT_TYPE = MqttSensorMessages.CBOR_CONTENT_TYPE;

    private static final Logger LOG = LoggerFactory.getLogger(MqttLocalAdapter.class);
    private static final int QOS = 1;
    private static final long TIMEOUT_MS = 5_000;

    private final MqttLocalAdapterConfig config;
    private final Clock clock;
    private final AdapterCounters counters = new AdapterCounters(NAME);
    private final MqttSensorMessages messages;
    private final ScheduledExecutorService scheduler;
    private final MqttAsyncClient client;

    private volatile SampleSink sink;
    private volatile boolean closed;
    // Scheduler thread only.
    private Duration backoff;
    private boolean connectPending;

    public MqttLocalAdapter(MqttLocalAdapterConfig config) {
        this(config, Clock.systemUTC());
    }

    public MqttLocalAdapter(MqttLocalAdapterConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messages =
                new MqttSensorMessages(
                        config.topicPrefix(), config.sensors(), config.maxPayloadBytes());
        this.backoff = config.reconnectMin();
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "canhbao-mqtt-local");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            this.client =
                    new MqttAsyncClient(
                            config.brokerUri().toString(),
                            config.clientId(),
                            new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt-local: bad broker URI or client id", e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(SampleSink sink) {
        if (this.sink != null || closed) {
            throw new IllegalStateException("mqtt-local adapter already started or closed");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        scheduleConnect(Duration.ZERO);
    }

    @Override
    public AdapterStats stats() {
        return counters.snapshot(client.isConnected() && !closed);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT_MS).waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.debug("mqtt-local: disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("mqtt-local: close: {}", e.toString());
        }
    }

    private void scheduleConnect(Duration wait) {
        try {
            scheduler.schedule(
                    () -> {
                        if (!connectPending) {
                            connectPending = true;
                            connect();
                        }
                    },
                    wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void connect() {
        if (closed || client.isConnected()) {
            connectPending = false;
            return;
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(30);
        try {
            client.connect(o).waitForCompletion(TIMEOUT_MS);
            IMqttToken sub = client.subscribe(config.topicPrefix() + "/+", QOS);
            sub.waitForCompletion(TIMEOUT_MS);
            connectPending = false;
            backoff = config.reconnectMin();
            LOG.info(
                    "mqtt-local: subscribed to {}/+ at {}",
                    config.topicPrefix(),
                    config.brokerUri());
        } catch (MqttException e) {
            Duration wait = backoff;
            backoff =
                    backoff.multipliedBy(2).compareTo(config.reconnectMax()) > 0
                            ? config.reconnectMax()
                            : backoff.multipliedBy(2);
            LOG.info("mqtt-local: cannot connect ({}), again in {}", e.toString(), wait);
            if (client.isConnected()) {
                try {
                    client.disconnect().waitForCompletion(TIMEOUT_MS);
                } catch (MqttException ignored) {
                    // connection is being dropped anyway
                }
            }
            connectPending = false;
            scheduleConnect(wait);
        }
    }

    /** Handles one message; returns whether it may be acknowledged. */
    private boolean handle(String topic, byte[] payload, String contentType) {
        Instant now = clock.instant();
        List<Sample> samples;
        try {
            samples = messages.decode(topic, payload, contentType, now);
        } catch (ContractViolation cv) {
            counters.reject(sink, AdapterRejection.of(NAME, "mqtt " + topic, cv, now));
            return true;
        }
        return counters.deliver(sink, samples, now);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            String contentType = p == null ? null : p.getContentType();
            if (handle(topic, message.getPayload(), contentType)) {
                try {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException e) {
                    LOG.debug("mqtt-local: ack failed: {}", e.toString());
                }
            } else {
                // Not acknowledged: drop the connection so the broker resends it on the resumed
                // session.
                try {
                    scheduler.execute(
                            () -> {
                                try {
                                    client.disconnect(0).waitForCompletion(TIMEOUT_MS);
                                } catch (MqttException e) {
                                    LOG.debug("mqtt-local: disconnect: {}", e.toString());
                                }
                                scheduleConnect(config.reconnectMin());
                            });
                } catch (RejectedExecutionException e) {
                    // closing: the broker keeps the message for the next session
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                LOG.info("mqtt-local: disconnected ({})", response);
                scheduleConnect(config.reconnectMin());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("mqtt-local: {}", exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
