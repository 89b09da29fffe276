package vn.canhbao.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestException;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.telemetry.Acknowledgement;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * Thin Paho MQTT 5 adapter: subscribes to {@code $share/{group}/cb/v1/gw/+/telemetry} at QoS 1 and
 * feeds each message to the {@link TelemetryPipeline}.
 *
 * <h2>Delivery guarantee: at-least-once, end to end</h2>
 *
 * <ul>
 *   <li>The client connects with clean start off and a session expiry, so the broker keeps the
 *       subscription and every unacknowledged QoS 1 message while the client is away.
 *   <li>Acknowledgements are manual ({@link MqttAsyncClient#setManualAcks(boolean)}): the PUBACK of
 *       a message is sent with {@link MqttAsyncClient#messageArrivedComplete(int, int)} only after
 *       Kafka acknowledged every record the message became (its readings, or its dead letter).
 *   <li>When Kafka fails a write for good (after {@code delivery.timeout.ms}), the message is not
 *       acknowledged. As MQTT 5 only redelivers on a new connection (spec 4.4), the client then
 *       disconnects and reconnects with the same session, and the broker sends every unacknowledged
 *       message again. This repeats (after {@link #REDELIVERY_BACKOFF_SECONDS} s) as long as Kafka
 *       fails.
 *   <li>Each connection has a generation number. A Kafka acknowledgement that completes after its
 *       message's connection was lost is NOT turned into a PUBACK: the broker redelivers that
 *       message on the new connection, and the old packet id may by then name a different message.
 *       Such a message reaches Kafka twice (at-least-once; deduplication by (gateway, seq) is
 *       downstream's job).
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * Paho's callback thread only hands messages over, so it never blocks on Kafka and keep-alives keep
 * flowing. {@value #SENDER_LANES} {@code ingest-send-*} threads run the pipeline; the gateway in
 * the topic picks the lane, so each gateway's messages are handled in arrival order (which keeps
 * each sensor's order in Kafka) while gateways proceed in parallel. A lane may block up to {@code
 * max.block.ms} while Kafka metadata is unavailable. One {@code ingest-control-*} thread sends
 * PUBACKs and performs forced reconnects, so an acknowledgement never interleaves with a reconnect.
 * The number of unacknowledged messages the broker sends is bounded by the MQTT 5 Receive Maximum
 * ({@value #RECEIVE_MAXIMUM}).
 */
public final class MqttTelemetrySource implements AutoCloseable {
    /** MQTT 5 Receive Maximum: the most unacknowledged QoS 1 messages the broker sends us. */
    public static final int RECEIVE_MAXIMUM = 1000;

    public static final int REDELIVERY_BACKOFF_SECONDS = 1;

    /**
     * Pipeline threads. Two lanes measured best on the 2-core benchmark machine: one lane was the
     * serial bottleneck whenever anything else wanted the cores (see the README, "Benchmarks").
     */
    static final int SENDER_LANES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetrySource.class);
    private static final int QOS = 1;
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long TOKEN_TIMEOUT_MS = 15_000;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final IngestConfig config;
    private final TelemetryPipeline pipeline;
    private final IngestMetrics metrics;
    private final String topicFilter;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final List<ThreadPoolExecutor> senders = new ArrayList<>();
    private final ScheduledThreadPoolExecutor control;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean subscribed;

    /**
     * @throws IngestException when the client cannot be created (for example a malformed URI)
     */
    public MqttTelemetrySource(
            IngestConfig config, TelemetryPipeline pipeline, IngestMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.topicFilter = MqttTopics.sharedTelemetry(config.shareGroup());
        this.options = connectionOptions(config);
        try {
            this.client =
                    new MqttAsyncClient(
                            config.mqttUri(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IngestException("Cannot create the MQTT client for " + config.mqttUri(), e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callbacks());
        for (int lane = 0; lane < SENDER_LANES; lane++) {
            senders.add(
                    new ThreadPoolExecutor(
                            1,
                            1,
                            0,
                            TimeUnit.MILLISECONDS,
                            new LinkedBlockingQueue<>(),
                            named("ingest-send-" + lane + "-" + config.clientId())));
        }
        this.control =
                new ScheduledThreadPoolExecutor(1, named("ingest-control-" + config.clientId()));
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    static MqttConnectionOptions connectionOptions(IngestConfig config) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        return o;
    }

    /**
     * Connects and subscribes; returns once the broker granted the subscription at QoS 1.
     *
     * @throws IngestException when the broker cannot be reached or refuses the subscription
     */
    public void start() {
        try {
            client.connect(options).waitForCompletion(TOKEN_TIMEOUT_MS);
            subscribeAndWait();
        } catch (MqttException e) {
            throw new IngestException(
                    "Cannot connect to MQTT broker "
                            + config.mqttUri()
                            + " and subscribe to "
                            + topicFilter
                            + ": "
                            + e.getMessage(),
                    e);
        }
        LOG.info(
                "Subscribed to {} on {} as {} (QoS 1, manual acks)",
                topicFilter,
                config.mqttUri(),
                config.clientId());
    }

    private void subscribeAndWait() throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription(topicFilter, QOS));
        token.waitForCompletion(TOKEN_TIMEOUT_MS);
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
                                    + " (reason code "
                                    + code
                                    + ")"));
        }
    }

    /** True while connected to the broker with the subscription granted at QoS 1. */
    public boolean isSubscribed() {
        return subscribed && client.isConnected();
    }

    /**
     * Stops taking new messages (they stay unacknowledged for the broker) and waits for the one in
     * hand.
     */
    public void stopIntake() {
        closing = true;
        senders.forEach(ThreadPoolExecutor::shutdownNow);
        senders.forEach(sender -> awaitTermination(sender, "ingest-send"));
    }

    /**
     * Sends the acknowledgements still due, disconnects and releases Paho's threads. Call {@link
     * #stopIntake()} and flush the sink before, so pending Kafka writes turn into acknowledgements.
     */
    @Override
    public void close() {
        stopIntake();
        control.shutdown();
        awaitTermination(control, "ingest-control");
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(TOKEN_TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.warn("MQTT disconnect from {} failed; closing anyway", config.mqttUri(), e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("Closing the MQTT client failed", e);
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
            // the topic names the gateway: one gateway, one lane, arrival order
            senders.get(Math.floorMod(topic.hashCode(), senders.size()))
                    .execute(() -> handle(topic, payload, id, qos, gen));
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
                                "Kafka did not acknowledge message {} on {}; leaving it unacknowledged",
                                id,
                                topic);
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
            return; // see the class comment: the broker redelivers it on the new connection
        }
        try {
            client.messageArrivedComplete(id, qos);
            metrics.messageAcked();
        } catch (MqttException e) {
            LOG.debug(
                    "PUBACK for {} not sent ({}); the broker will redeliver it",
                    id,
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
                "Kafka did not acknowledge a message ({}); leaving it unacknowledged and reconnecting to {} in {} s"
                        + " so that the broker redelivers it",
                cause.toString(),
                config.mqttUri(),
                REDELIVERY_BACKOFF_SECONDS);
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(TOKEN_TIMEOUT_MS);
            }
        } catch (MqttException e) {
            LOG.info("MQTT disconnect before redelivery failed: {}", e.getMessage());
        }
        // After the disconnect, so nothing that arrives on the old connection takes the new number.
        generation.incrementAndGet();
        control.schedule(this::reconnect, REDELIVERY_BACKOFF_SECONDS, TimeUnit.SECONDS);
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        try {
            if (!client.isConnected()) {
                client.connect(options).waitForCompletion(TOKEN_TIMEOUT_MS);
            }
            subscribeAndWait();
            LOG.info(
                    "Reconnected to {}; unacknowledged messages are being redelivered",
                    config.mqttUri());
        } catch (MqttException e) {
            LOG.warn(
                    "Reconnect to {} failed ({}); retrying in {} s",
                    config.mqttUri(),
                    e.getMessage(),
                    REDELIVERY_BACKOFF_SECONDS);
            control.schedule(this::reconnect, REDELIVERY_BACKOFF_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitTermination(ExecutorService executor, String name) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within {} s", name, SHUTDOWN_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                        "Lost the connection to {} ({}); Paho reconnects, the broker redelivers what is unacknowledged",
                        config.mqttUri(),
                        response);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error from {}", config.mqttUri(), exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect && !closing) {
                // The session normally keeps the subscription; subscribing again covers a lost
                // session
                // (and a broker that did not persist shared subscriptions). Never wait in a
                // callback.
                LOG.info("Reconnected to {}; subscribing to {} again", serverUri, topicFilter);
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
                                            "Re-subscribing to {} failed; retrying",
                                            topicFilter,
                                            e);
                                    control.schedule(
                                            MqttTelemetrySource.this::reconnect,
                                            REDELIVERY_BACKOFF_SECONDS,
                                            TimeUnit.SECONDS);
                                }
                            },
                            new MqttProperties());
                } catch (MqttException e) {
                    LOG.warn("Re-subscribing to {} failed; retrying", topicFilter, e);
                    submitControl(MqttTelemetrySource.this::reconnect);
                }
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
