package vn.canhbao.ingest.mqtt;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.ingest.IngestException;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.telemetry.Acknowledgement;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * One MQTT subscriber connection of an {@link MqttTelemetrySource}: its own client id, persistent
 * session, Paho receive thread, generation number and {@code ingest-control-{clientId}} thread
 * (PUBACKs and forced reconnects). A PUBACK goes back on the connection that received the message,
 * and only while that connection is the one the message arrived on (same generation). Connections
 * drop, reconnect and request redelivery independently of each other; only the sender lanes are
 * shared.
 */
final class SubscriberConnection {
    /** Hands a message's pipeline work to the lane of its topic, in arrival order. */
    interface Lanes {
        /**
         * @throws RejectedExecutionException when intake has stopped
         */
        void execute(String topic, Runnable task);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberConnection.class);
    private static final int QOS = 1;

    private final String uri;
    private final String clientId;
    private final String topicFilter;
    private final TelemetryPipeline pipeline;
    private final IngestMetrics metrics;
    private final Lanes lanes;
    private final MqttConnectionOptions options;
    private final MqttAsyncClient client;
    private final ScheduledThreadPoolExecutor control;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean subscribed;

    /**
     * @throws IngestException when the client cannot be created (for example a malformed URI)
     */
    SubscriberConnection(
            String uri,
            String clientId,
            String topicFilter,
            MqttConnectionOptions options,
            TelemetryPipeline pipeline,
            IngestMetrics metrics,
            Lanes lanes) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.topicFilter = Objects.requireNonNull(topicFilter, "topicFilter");
        this.options = Objects.requireNonNull(options, "options");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        try {
            this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IngestException(
                    "Cannot create the MQTT client " + clientId + " for " + uri, e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callbacks());
        this.control =
                new ScheduledThreadPoolExecutor(
                        1, MqttTelemetrySource.named("ingest-control-" + clientId));
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    String clientId() {
        return clientId;
    }

    /**
     * Connects and subscribes; returns once the broker granted the subscription at QoS 1.
     *
     * @throws IngestException when the broker cannot be reached or refuses the subscription
     */
    void start() {
        try {
            client.connect(options).waitForCompletion(MqttTelemetrySource.TOKEN_TIMEOUT_MS);
            subscribeAndWait();
        } catch (MqttException e) {
            throw new IngestException(
                    "Cannot connect to MQTT broker "
                            + uri
                            + " as "
                            + clientId
                            + " and subscribe to "
                            + topicFilter
                            + ": "
                            + e.getMessage(),
                    e);
        }
        LOG.info("Subscribed to {} on {} as {} (QoS 1, manual acks)", topicFilter, uri, clientId);
    }

    private void subscribeAndWait() throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(topicFilter, QOS));
        token.waitForCompletion(MqttTelemetrySource.TOKEN_TIMEOUT_MS);
        checkGranted(token);
        subscribed = true;
    }

    private void checkGranted(IMqttToken token) throws MqttException {
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length == 0 || codes[0] != QOS) {
            // Granted QoS 0 would silently make ingest at-most-once; an error code is a refusal.
            int code =
                    codes == null || codes.length == 0
                            ? MqttException.REASON_CODE_CLIENT_EXCEPTION
                            : codes[0];
            throw new MqttException(
                    code,
                    new IllegalStateException(
                            "broker did not grant QoS 1 on "
                                    + topicFilter
                                    + " to "
                                    + clientId
                                    + " (reason code "
                                    + code
                                    + ")"));
        }
    }

    /** True while connected with the subscription granted at QoS 1. */
    boolean isSubscribed() {
        return subscribed && client.isConnected();
    }

    /** From now on, messages arriving on this connection are left unacknowledged. */
    void stopIntake() {
        closing = true;
    }

    /**
     * Sends the acknowledgements still queued, disconnects and releases Paho's threads. Call after
     * {@link #stopIntake()} and after the lanes stopped.
     */
    void close() {
        closing = true;
        control.shutdown();
        MqttTelemetrySource.awaitTermination(control, "ingest-control-" + clientId);
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(MqttTelemetrySource.TOKEN_TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT disconnect of {} from {} failed; closing anyway", clientId, uri, e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("Closing the MQTT client {} failed", clientId, e);
        }
    }

    private void onMessage(String topic, MqttMessage message) {
        long gen = generation.get();
        if (closing) {
            return; // not acknowledged: the broker keeps it for the next connection
        }
        int id = message.getId();
        int qos = message.getQos();
        byte[] payload = message.getPayload();
        try {
            lanes.execute(topic, () -> handle(topic, payload, id, qos, gen));
        } catch (RejectedExecutionException e) {
            LOG.debug("Closing: message {} on {} left unacknowledged for redelivery", id, topic);
        }
    }

    private void handle(String topic, byte[] payload, int id, int qos, long gen) {
        if (gen != generation.get()) {
            return; // its connection is gone; the broker redelivers it on the current one
        }
        pipeline.process(
                topic,
                payload,
                new Acknowledgement() {
                    @Override
                    public void written() {
                        submitControl(() -> acknowledge(id, qos, gen));
                    }

                    @Override
                    public void failed(Throwable cause) {
                        LOG.debug(
                                "Kafka did not acknowledge message {} on {} ({}); leaving it unacknowledged",
                                id,
                                topic,
                                clientId);
                        submitControl(() -> requestRedelivery(gen, cause));
                    }
                });
    }

    private void submitControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closed: task dropped; the broker redelivers unacknowledged messages");
        }
    }

    private void acknowledge(int id, int qos, long gen) {
        if (gen != generation.get()) {
            return; // see MqttTelemetrySource: the broker redelivers it on the new connection
        }
        try {
            client.messageArrivedComplete(id, qos);
            metrics.messageAcked();
        } catch (MqttException e) {
            LOG.debug(
                    "PUBACK for {} on {} not sent ({}); the broker will redeliver it",
                    id,
                    clientId,
                    e.getMessage());
        }
    }

    private void requestRedelivery(long gen, Throwable cause) {
        if (closing || gen != generation.get()) {
            return; // already reconnected since that message arrived
        }
        metrics.redeliveryRequested();
        subscribed = false;
        // Logged once per connection, not once per message: an outage fails every message in
        // flight.
        LOG.warn(
                "Kafka did not acknowledge a message ({}); leaving it unacknowledged and reconnecting {} to {} in {} s"
                        + " so that the broker redelivers it",
                cause.toString(),
                clientId,
                uri,
                MqttTelemetrySource.REDELIVERY_BACKOFF_SECONDS);
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(MqttTelemetrySource.TOKEN_TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.info(
                    "MQTT disconnect of {} before redelivery failed: {}", clientId, e.getMessage());
        }
        // After the disconnect, so nothing that arrives on the old connection takes the new number.
        generation.incrementAndGet();
        control.schedule(
                this::reconnect, MqttTelemetrySource.REDELIVERY_BACKOFF_SECONDS, TimeUnit.SECONDS);
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        try {
            if (!client.isConnected()) {
                client.connect(options).waitForCompletion(MqttTelemetrySource.TOKEN_TIMEOUT_MS);
            }
            subscribeAndWait();
            LOG.info(
                    "{} reconnected to {}; unacknowledged messages are being redelivered",
                    clientId,
                    uri);
        } catch (MqttException e) {
            LOG.warn(
                    "Reconnect of {} to {} failed ({}); retrying in {} s",
                    clientId,
                    uri,
                    e.getMessage(),
                    MqttTelemetrySource.REDELIVERY_BACKOFF_SECONDS);
            control.schedule(
                    this::reconnect,
                    MqttTelemetrySource.REDELIVERY_BACKOFF_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    /** Paho callbacks: each returns quickly and never throws. */
    private final class Callbacks implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage(topic, message);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            generation.incrementAndGet();
            subscribed = false;
            if (!closing) {
                LOG.warn(
                        "{} lost the connection to {} ({}); Paho reconnects, the broker redelivers what is unacknowledged",
                        clientId,
                        uri,
                        response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error on {} from {}", clientId, uri, exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect && !closing) {
                // The session normally keeps the subscription; subscribing again covers a lost
                // session (and a broker that did not persist shared subscriptions). Never wait in
                // a callback.
                LOG.info(
                        "{} reconnected to {}; subscribing to {} again",
                        clientId,
                        serverUri,
                        topicFilter);
                try {
                    client.subscribe(
                            new MqttSubscription[] {new MqttSubscription(topicFilter, QOS)},
                            null,
                            new MqttActionListener() {
                                @Override
                                public void onSuccess(IMqttToken token) {
                                    try {
                                        checkGranted(token);
                                        subscribed = true;
                                    } catch (MqttException e) {
                                        onFailure(token, e);
                                    }
                                }

                                @Override
                                public void onFailure(IMqttToken token, Throwable e) {
                                    LOG.warn(
                                            "Re-subscribing {} to {} failed; retrying",
                                            clientId,
                                            topicFilter,
                                            e);
                                    control.schedule(
                                            SubscriberConnection.this::reconnect,
                                            MqttTelemetrySource.REDELIVERY_BACKOFF_SECONDS,
                                            TimeUnit.SECONDS);
                                }
                            },
                            new MqttProperties());
                } catch (MqttException e) {
                    LOG.warn("Re-subscribing {} to {} failed; retrying", clientId, topicFilter, e);
                    submitControl(SubscriberConnection.this::reconnect);
                }
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
