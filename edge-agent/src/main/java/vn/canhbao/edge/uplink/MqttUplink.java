package vn.canhbao.edge.uplink;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.MqttTopics;

/**
 * Sends the outbox's telemetry batches to the broker over MQTT 5 (Paho), one SenML pack per message
 * on {@code MqttTopics.telemetry(gw)}.
 *
 * <p>Delivery guarantee: <b>at least once, in order, while the agent runs</b>. Every batch is
 * published with QoS 1 and stays in the {@link Outbox} until Paho reports the broker's PUBACK; when
 * the connection drops, unacknowledged batches are published again after the reconnect, oldest
 * first. A resend may duplicate a batch the broker already had; receivers drop duplicates by
 * (gateway, seq). The outbox is in memory, so batches still waiting when the agent stops or crashes
 * are lost, and when it is full the oldest are dropped and counted. The durable on-disk journal
 * that closes this gap is issue 3.
 *
 * <p>Session: clean start off with a session expiry. Connecting (the first time and after every
 * loss) is retried automatically with a backoff from 1 s doubling to {@code reconnectMaxDelay}.
 * After every connect a retained birth message ({@code online}) goes to {@code
 * MqttTopics.state(gw)}; the retained last will says {@code offline}, and {@link #close()}
 * publishes {@code offline} itself.
 *
 * <p>Threading: all outbox traffic runs on the {@code executor} given (one thread); Paho's
 * callbacks only hand work to it. {@link #pump()} must be called on that executor.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final int QOS_AT_LEAST_ONCE = 1;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final UplinkSettings settings;
    private final Outbox outbox;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final String telemetryTopic;
    private final String stateTopic;
    private final AtomicLong publishedBatches = new AtomicLong();
    private final AtomicLong publishedReadings = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    /** Increments on every connection loss, so late failures of an old connection are ignored. */
    private long epoch;

    private volatile boolean closing;

    /** Connect attempts failed in a row; resets on success. Only touched on the executor. */
    private int failedAttempts;

    /** A chain of connect attempts is active. Executor only. */
    private boolean connectPending;

    /**
     * Identifies the newest chain of connect attempts, so that only one chain is ever active.
     * Executor only.
     */
    private long connectGeneration;

    public MqttUplink(
            UplinkSettings settings,
            Outbox outbox,
            ScheduledExecutorService executor,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.telemetryTopic = MqttTopics.telemetry(settings.gateway());
        this.stateTopic = MqttTopics.state(settings.gateway());
        try {
            this.client =
                    new MqttAsyncClient(
                            settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot create MQTT client for " + settings.brokerUri() + ": " + e.getMessage(),
                    e);
        }
        client.setCallback(new Callback());
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        onExecutor(() -> requestConnect(Duration.ZERO));
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Batches the broker acknowledged (a duplicate acknowledgement counts once). */
    public long publishedBatches() {
        return publishedBatches.get();
    }

    public long publishedReadings() {
        return publishedReadings.get();
    }

    /** Successful connects, the first one included. */
    public long connects() {
        return connects.get();
    }

    /**
     * Publishes whatever the outbox holds, up to {@code maxInFlight} unacknowledged. Call on the
     * executor.
     */
    public void pump() {
        if (closing) {
            return;
        }
        if (!client.isConnected()) {
            requestConnect(
                    Duration.ofSeconds(
                            1)); // a no-op while an attempt is pending: this is a safety net
            return;
        }
        List<OutboxEntry> batch = outbox.takeSendable(settings.maxInFlight());
        long sentIn = epoch;
        for (OutboxEntry e : batch) {
            MqttMessage m = new MqttMessage(e.payload());
            m.setQos(QOS_AT_LEAST_ONCE);
            m.setRetained(false);
            try {
                client.publish(telemetryTopic, m, null, new Delivery(e, sentIn));
            } catch (MqttException ex) {
                // Not on the wire (disconnected, or Paho's in-flight window is full): retry from
                // here, in order.
                LOG.debug(
                        "publish of batch seq {}-{} refused ({}); retrying",
                        e.firstSeq(),
                        e.lastSeq(),
                        ex.getMessage());
                outbox.release(e.id());
                schedule(this::pump, RETRY_DELAY);
                return;
            }
        }
    }

    /**
     * Waits until the broker has acknowledged everything in the outbox, at most {@code timeout};
     * returns at once when not connected. Call from any thread but the executor, which must keep
     * running (it processes the acknowledgements).
     *
     * @return whether the outbox is empty
     */
    public boolean drain(Duration timeout) {
        if (!client.isConnected()) {
            return outbox.depth() == 0;
        }
        onExecutor(this::pump);
        try {
            return outbox.awaitEmpty(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outbox.depth() == 0;
        }
    }

    /**
     * Publishes the retained {@code offline} state and disconnects. Batches still in the outbox are
     * lost (logged): the outbox is in memory until issue 3.
     */
    @Override
    public void close() {
        closing = true;
        if (client.isConnected()) {
            try {
                GatewayState offline =
                        GatewayState.offline(
                                settings.gateway(),
                                Optional.of(clock.instant()),
                                settings.agentVersion());
                client.publish(stateTopic, offline.toJson(), QOS_AT_LEAST_ONCE, true)
                        .waitForCompletion(CLOSE_TIMEOUT.toMillis());
                client.disconnect(CLOSE_TIMEOUT.toMillis())
                        .waitForCompletion(CLOSE_TIMEOUT.toMillis());
            } catch (MqttException e) {
                LOG.warn("{}: MQTT disconnect was not clean: {}", settings.gateway(), e.toString());
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("{}: closing the MQTT client failed: {}", settings.gateway(), e.toString());
        }
        if (outbox.depth() > 0) {
            LOG.warn(
                    "{}: stopped with {} telemetry batches not acknowledged by the broker; they are lost "
                            + "(the outbox is in memory until the durable journal of issue 3)",
                    settings.gateway(),
                    outbox.depth());
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setAutomaticReconnect(false); // see connect()
        o.setConnectionTimeout(10);
        MqttMessage will =
                new MqttMessage(
                        GatewayState.offline(
                                        settings.gateway(),
                                        Optional.empty(),
                                        settings.agentVersion())
                                .toJson());
        will.setQos(QOS_AT_LEAST_ONCE);
        will.setRetained(true);
        o.setWill(stateTopic, will);
        o.setWillMessageProperties(new MqttProperties());
        return o;
    }

    /**
     * One connect attempt; on failure the next is scheduled with backoff. Reconnecting is done here
     * rather than by Paho's automatic reconnect, whose timer thread outlives {@code close()} in
     * Paho 1.2.5 when the broker is down.
     */
    /** Starts a chain of connect attempts unless one is active. */
    private void requestConnect(Duration delay) {
        if (!connectPending) {
            startConnectChain(delay);
        }
    }

    /** Starts a new chain of connect attempts; any older chain stops at its next step. */
    private void startConnectChain(Duration delay) {
        if (closing) {
            return;
        }
        connectPending = true;
        long generation = ++connectGeneration;
        schedule(() -> connect(generation), delay);
    }

    private void connect(long generation) {
        if (generation != connectGeneration) {
            return; // superseded by a newer chain
        }
        if (closing || client.isConnected()) {
            connectPending = false;
            return;
        }
        try {
            client.connect(
                    options(),
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            // connectComplete() does the work.
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            onExecutor(() -> connectFailed(generation, failure.toString()));
                        }
                    });
        } catch (MqttException e) {
            connectFailed(generation, e.toString());
        }
    }

    private void connectFailed(long generation, String why) {
        if (generation != connectGeneration || closing) {
            return;
        }
        long delaySeconds =
                Math.max(
                        1,
                        Math.min(
                                settings.reconnectMaxDelay().toSeconds(),
                                1L << Math.min(failedAttempts, 20)));
        if (failedAttempts++ == 0 || delaySeconds < settings.reconnectMaxDelay().toSeconds()) {
            LOG.warn(
                    "{}: cannot connect to {} ({}); retrying in {} s",
                    settings.gateway(),
                    settings.brokerUri(),
                    why,
                    delaySeconds);
        } else {
            LOG.debug(
                    "{}: cannot connect to {} ({}); retrying in {} s",
                    settings.gateway(),
                    settings.brokerUri(),
                    why,
                    delaySeconds);
        }
        startConnectChain(Duration.ofSeconds(delaySeconds));
    }

    private void onConnected() {
        boolean reconnect = connects.getAndIncrement() > 0;
        failedAttempts = 0;
        connectPending = false;
        LOG.info(
                "{}: {} to {}",
                settings.gateway(),
                reconnect ? "reconnected" : "connected",
                settings.brokerUri());
        publishBirth();
        pump();
    }

    private void onConnectionLost(String reason) {
        epoch++;
        int requeued = outbox.requeueInFlight();
        if (!closing) {
            LOG.warn(
                    "{}: connection to {} lost ({}); {} batches waiting, {} to resend after reconnect",
                    settings.gateway(),
                    settings.brokerUri(),
                    reason,
                    outbox.depth(),
                    requeued);
            startConnectChain(Duration.ofSeconds(1));
        }
    }

    private void publishBirth() {
        GatewayState online =
                GatewayState.online(settings.gateway(), clock.instant(), settings.agentVersion());
        try {
            client.publish(stateTopic, online.toJson(), QOS_AT_LEAST_ONCE, true);
        } catch (MqttException e) {
            // The next connectComplete publishes it again.
            LOG.warn("{}: birth message not sent: {}", settings.gateway(), e.toString());
        }
    }

    private void onDelivered(OutboxEntry e) {
        if (outbox.acknowledge(e.id())) {
            publishedBatches.incrementAndGet();
            publishedReadings.addAndGet(e.readings());
        }
        pump();
    }

    private void onFailed(OutboxEntry e, long sentIn, Throwable failure) {
        if (sentIn != epoch) {
            return; // that connection is gone; the batch was already requeued
        }
        if (client.isConnected()) {
            LOG.warn(
                    "{}: batch seq {}-{} not acknowledged ({}); resending",
                    settings.gateway(),
                    e.firstSeq(),
                    e.lastSeq(),
                    failure.toString());
        } else {
            LOG.debug(
                    "{}: batch seq {}-{} in flight when the connection dropped; resending after reconnect",
                    settings.gateway(),
                    e.firstSeq(),
                    e.lastSeq());
        }
        outbox.release(e.id());
        schedule(this::pump, RETRY_DELAY);
    }

    private void onExecutor(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            if (!closing) {
                throw e;
            }
        }
    }

    private void schedule(Runnable r, Duration delay) {
        try {
            executor.schedule(r, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!closing) {
                throw e;
            }
        }
    }

    /** Paho's delivery callback for one batch, handed to the executor. */
    private final class Delivery implements MqttActionListener {
        private final OutboxEntry entry;
        private final long sentIn;

        Delivery(OutboxEntry entry, long sentIn) {
            this.entry = entry;
            this.sentIn = sentIn;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            onExecutor(() -> onDelivered(entry));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            onExecutor(() -> onFailed(entry, sentIn, failure));
        }
    }

    /** Paho's connection callbacks, handed to the executor. */
    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason =
                    response.getException() != null
                            ? response.getException().toString()
                            : response.getReasonString();
            onExecutor(() -> onConnectionLost(reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{}: MQTT protocol error: {}", settings.gateway(), exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // The agent subscribes to nothing yet (remote config is a later issue).
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Handled per batch by Delivery.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            onExecutor(MqttUplink.this::onConnected);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
