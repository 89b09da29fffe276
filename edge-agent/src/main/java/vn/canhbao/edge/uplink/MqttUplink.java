package vn.canhbao.edge.uplink;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
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
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalEntry;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.journal.ReplayLimiter;

/**
 * Drains the {@link Journal} to the broker over MQTT 5 (Paho), one journal record per message on
 * {@code MqttTopics.telemetry(gw)}, QoS 1.
 *
 * <p>Delivery guarantee: <b>at least once, in order per priority class, across restarts</b>. A
 * record is {@link Journal#acknowledge acknowledged} (and only then deleted) when Paho reports the
 * broker's PUBACK; when the connection drops, the in-flight records are {@link
 * Journal#requeueInFlight requeued} and sent again after the reconnect in their original order;
 * after a crash the journal hands out every record not acknowledged. Resends can duplicate a
 * record; receivers drop duplicates by (gateway, seq). ALERT records leave before the backlog of
 * telemetry ({@link Journal#takeSendable}); telemetry and diagnostics pass a {@link ReplayLimiter}
 * ({@code replayReadingsPerSecond}), alerts do not.
 *
 * <p>Wire: payloads of at least {@code compressMinBytes} are gzip-compressed when that makes them
 * smaller, with the user property {@code content-encoding: gzip} (ingest also recognises the gzip
 * magic bytes). Others go as they are.
 *
 * <p>Session: clean start off with a session expiry; TLS with the gateway's client certificate when
 * {@code tls} is set. Connecting (the first time and after every loss) is retried with exponential
 * backoff from 1 s to {@code reconnectMaxDelay} with full jitter. Every attempt uses a fresh Paho
 * client object (same client id), so no state of a broken connection leaks into the next. After
 * every connect the {@link #subscribe subscriptions} are made again (QoS 1) and a retained birth
 * ({@code online}) goes to {@code MqttTopics.state(gw)}; the retained last will says {@code
 * offline}, and {@link #close()} publishes {@code offline} itself.
 *
 * <p>Threading: all journal traffic runs on the {@code executor} given (one thread); Paho's
 * callbacks only hand work to it. {@link #pump()} must be called on that executor; {@link
 * #wakeUp()} from anywhere.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    private static final int QOS_AT_LEAST_ONCE = 1;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private static final long BACKOFF_BASE_MILLIS = 1000;
    private static final long BACKOFF_FLOOR_MILLIS = 100;

    private final UplinkSettings settings;
    private final Journal journal;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final ReplayLimiter limiter;
    private final Optional<SSLSocketFactory> socketFactory;
    private final String telemetryTopic;
    private final String stateTopic;
    private final Map<String, Consumer<byte[]>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong publishedBatches = new AtomicLong();
    private final AtomicLong publishedReadings = new AtomicLong();
    private final AtomicLong sentPayloadBytes = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    /** The client of the current (or last) connection attempt. */
    private volatile MqttAsyncClient client;

    /** Increments on every connection loss, so late failures of an old connection are ignored. */
    private long epoch;

    private volatile boolean closing;

    /** Connect attempts failed in a row; resets on success. Executor only. */
    private int failedAttempts;

    /** A chain of connect attempts is active. Executor only. */
    private boolean connectPending;

    /** Identifies the newest chain of connect attempts and its client. Executor only. */
    private long connectGeneration;

    /** A pump is scheduled for when the replay limiter allows more. Executor only. */
    private boolean limiterWait;

    /**
     * @throws vn.canhbao.contracts.ContractViolation when the TLS files are missing or unusable
     */
    public MqttUplink(
            UplinkSettings settings,
            Journal journal,
            ScheduledExecutorService executor,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limiter = new ReplayLimiter(settings.replayReadingsPerSecond());
        this.socketFactory = settings.tls().map(UplinkTls::socketFactory);
        this.telemetryTopic = MqttTopics.telemetry(settings.gateway());
        this.stateTopic = MqttTopics.state(settings.gateway());
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        onExecutor(() -> requestConnect(Duration.ZERO));
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Journal records the broker acknowledged (a duplicate acknowledgement counts once). */
    public long publishedBatches() {
        return publishedBatches.get();
    }

    public long publishedReadings() {
        return publishedReadings.get();
    }

    /** Payload bytes of the acknowledged records before compression. */
    public long sentPayloadBytes() {
        return sentPayloadBytes.get();
    }

    /** Their bytes on the wire (compressed where that was smaller). */
    public long wireBytes() {
        return wireBytes.get();
    }

    /** Successful connects, the first one included. */
    public long connects() {
        return connects.get();
    }

    /**
     * Subscribes to {@code topic} with QoS 1, now if connected and again after every connect.
     * {@code handler} runs on Paho's callback thread, before the message is acknowledged: keep it
     * short (hand work to another thread), and do not let it throw (a throw is logged and the
     * message is still acknowledged).
     */
    public void subscribe(String topic, Consumer<byte[]> handler) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        subscriptions.put(topic, handler);
        onExecutor(
                () -> {
                    MqttAsyncClient c = client;
                    if (c != null && c.isConnected()) {
                        subscribeAll(c, Map.of(topic, handler));
                    }
                });
    }

    /**
     * Publishes one message with QoS 1 outside the journal (acknowledgements, heartbeats): not
     * stored, not resent after a reconnect.
     *
     * @return false when not connected or Paho refused it (the caller decides whether to retry)
     */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return false;
        }
        try {
            c.publish(topic, payload, QOS_AT_LEAST_ONCE, retained);
            return true;
        } catch (MqttException e) {
            LOG.debug("{}: publish to {} refused: {}", settings.gateway(), topic, e.toString());
            return false;
        }
    }

    /** Asks the executor to publish what the journal holds; call after an append, from anywhere. */
    public void wakeUp() {
        onExecutor(this::pump);
    }

    /**
     * Publishes what the journal holds, up to {@code maxInFlight} unacknowledged. Call on the
     * executor.
     */
    public void pump() {
        if (closing) {
            return;
        }
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            requestConnect(Duration.ofSeconds(1)); // a no-op while an attempt is pending
            return;
        }
        if (limiterWait) {
            return;
        }
        int room = settings.maxInFlight() - journal.inFlight();
        if (room <= 0) {
            return;
        }
        List<JournalEntry> batch = journal.takeSendable(room, settings.maxInFlight());
        long sentIn = epoch;
        for (int i = 0; i < batch.size(); i++) {
            JournalEntry e = batch.get(i);
            if (e.priority() != Priority.ALERT) {
                long wait = limiter.tryAcquireNanos(e.readings());
                if (wait > 0) {
                    releaseFrom(batch, i);
                    limiterWait = true;
                    schedule(
                            () -> {
                                limiterWait = false;
                                pump();
                            },
                            Duration.ofNanos(wait));
                    return;
                }
            }
            try {
                MqttMessage m = message(e);
                c.publish(telemetryTopic, m, null, new Delivery(e, m.getPayload().length, sentIn));
            } catch (MqttException ex) {
                // Not on the wire (disconnected, or Paho's window is full): retry from here, in
                // order.
                LOG.debug(
                        "publish of journal record {} refused ({}); retrying",
                        e.id(),
                        ex.getMessage());
                releaseFrom(batch, i);
                schedule(this::pump, RETRY_DELAY);
                return;
            }
        }
    }

    /**
     * Waits until the broker has acknowledged everything in the journal, at most {@code timeout};
     * returns at once when not connected. Call from any thread but the executor, which must keep
     * running (it processes the acknowledgements).
     *
     * @return whether the journal is empty
     */
    public boolean drain(Duration timeout) {
        if (!isConnected()) {
            return journal.stats().records() == 0;
        }
        wakeUp();
        try {
            return journal.awaitEmpty(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return journal.stats().records() == 0;
        }
    }

    /**
     * Publishes the retained {@code offline} state and disconnects. Records still in the journal
     * stay there for the next start.
     */
    @Override
    public void close() {
        closing = true;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        if (c.isConnected()) {
            try {
                GatewayState offline =
                        GatewayState.offline(
                                settings.gateway(),
                                Optional.of(clock.instant()),
                                settings.agentVersion());
                c.publish(stateTopic, offline.toJson(), QOS_AT_LEAST_ONCE, true)
                        .waitForCompletion(CLOSE_TIMEOUT.toMillis());
                c.disconnect(CLOSE_TIMEOUT.toMillis()).waitForCompletion(CLOSE_TIMEOUT.toMillis());
            } catch (MqttException e) {
                LOG.warn("{}: MQTT disconnect was not clean: {}", settings.gateway(), e.toString());
            }
        }
        closeClient(c);
        long left = journal.stats().records();
        if (left > 0) {
            LOG.info(
                    "{}: stopped with {} journal records not yet acknowledged; they are sent after the next start",
                    settings.gateway(),
                    left);
        }
    }

    private MqttMessage message(JournalEntry e) {
        byte[] payload = e.payload();
        MqttMessage m;
        if (settings.compressMinBytes() > 0 && payload.length >= settings.compressMinBytes()) {
            byte[] gz = PayloadCompression.gzip(payload);
            if (gz.length < payload.length) {
                m = new MqttMessage(gz);
                MqttProperties p = new MqttProperties();
                p.setUserProperties(
                        List.of(
                                new UserProperty(
                                        PayloadCompression.CONTENT_ENCODING,
                                        PayloadCompression.GZIP)));
                m.setProperties(p);
            } else {
                m = new MqttMessage(payload);
            }
        } else {
            m = new MqttMessage(payload);
        }
        m.setQos(QOS_AT_LEAST_ONCE);
        m.setRetained(false);
        return m;
    }

    private void releaseFrom(List<JournalEntry> batch, int from) {
        for (int j = from; j < batch.size(); j++) {
            journal.release(batch.get(j).id());
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setAutomaticReconnect(false); // see connect()
        o.setConnectionTimeout(10);
        socketFactory.ifPresent(o::setSocketFactory);
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

    /**
     * One connect attempt with a fresh Paho client; on failure the next is scheduled with backoff.
     * Reconnecting is done here rather than by Paho's automatic reconnect, whose timer thread
     * outlives {@code close()} in Paho 1.2.5 when the broker is down.
     */
    private void connect(long generation) {
        if (generation != connectGeneration) {
            return; // superseded by a newer chain
        }
        if (closing || isConnected()) {
            connectPending = false;
            return;
        }
        MqttAsyncClient old = client;
        if (old != null) {
            closeClient(old);
        }
        MqttAsyncClient c;
        try {
            c =
                    new MqttAsyncClient(
                            settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            connectFailed(generation, e.toString());
            return;
        }
        c.setCallback(new Callback(c));
        client = c;
        try {
            c.connect(
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

    private void closeClient(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 100, false);
            }
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("{}: closing an MQTT client failed: {}", settings.gateway(), e.toString());
        }
    }

    private void connectFailed(long generation, String why) {
        if (generation != connectGeneration || closing) {
            return;
        }
        Duration delay = backoff(failedAttempts++);
        if (failedAttempts == 1
                || failedAttempts % 10 == 0
                || delay.compareTo(settings.reconnectMaxDelay()) < 0) {
            LOG.warn(
                    "{}: cannot connect to {} ({}); attempt {}, retrying in {} ms",
                    settings.gateway(),
                    settings.brokerUri(),
                    why,
                    failedAttempts,
                    delay.toMillis());
        }
        startConnectChain(delay);
    }

    /**
     * Exponential backoff with full jitter: a uniformly random delay between a small floor and
     * {@code min(reconnectMaxDelay, 1 s * 2^attempt)}, so gateways cut off together do not all
     * reconnect in the same instant.
     */
    Duration backoff(int attempt) {
        long cap =
                Math.min(
                        settings.reconnectMaxDelay().toMillis(),
                        BACKOFF_BASE_MILLIS << Math.min(attempt, 20));
        return Duration.ofMillis(
                ThreadLocalRandom.current().nextLong(BACKOFF_FLOOR_MILLIS, Math.max(cap, 101)));
    }

    private void onConnected(MqttAsyncClient c) {
        if (c != client || closing) {
            return;
        }
        boolean reconnect = connects.getAndIncrement() > 0;
        failedAttempts = 0;
        connectPending = false;
        LOG.info(
                "{}: {} to {}",
                settings.gateway(),
                reconnect ? "reconnected" : "connected",
                settings.brokerUri());
        subscribeAll(c, subscriptions);
        publishBirth(c);
        pump();
    }

    private void subscribeAll(MqttAsyncClient c, Map<String, Consumer<byte[]>> subs) {
        for (Map.Entry<String, Consumer<byte[]>> s : subs.entrySet()) {
            try {
                String filter = s.getKey();
                // Messages are dispatched in Callback.messageArrived by filter: in Paho 1.2.5 the
                // subscribe overloads with an IMqttMessageListener throw IndexOutOfBoundsException
                // (they read a subscription identifier that was never assigned).
                c.subscribe(
                        new MqttSubscription[] {new MqttSubscription(filter, QOS_AT_LEAST_ONCE)},
                        null,
                        new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                LOG.debug("{}: subscribed to {}", settings.gateway(), filter);
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable failure) {
                                LOG.warn(
                                        "{}: subscribing to {} failed ({}); retried at the next connect",
                                        settings.gateway(),
                                        filter,
                                        failure.toString());
                            }
                        },
                        new MqttProperties());
            } catch (MqttException e) {
                // The next connect subscribes again.
                LOG.warn(
                        "{}: subscribing to {} failed: {}",
                        settings.gateway(),
                        s.getKey(),
                        e.toString());
            }
        }
    }

    private void deliver(String filter, Consumer<byte[]> handler, MqttMessage message) {
        try {
            handler.accept(message.getPayload());
        } catch (RuntimeException e) {
            LOG.error("{}: handler for {} failed", settings.gateway(), filter, e);
        }
    }

    private void onConnectionLost(MqttAsyncClient c, String reason) {
        if (c != client) {
            return; // an old client's late news
        }
        epoch++;
        int requeued = journal.requeueInFlight();
        if (!closing) {
            LOG.warn(
                    "{}: connection to {} lost ({}); {} records waiting, {} to resend after reconnect",
                    settings.gateway(),
                    settings.brokerUri(),
                    reason,
                    journal.stats().records(),
                    requeued);
            startConnectChain(backoff(0));
        }
    }

    private void publishBirth(MqttAsyncClient c) {
        GatewayState online =
                GatewayState.online(settings.gateway(), clock.instant(), settings.agentVersion());
        try {
            c.publish(stateTopic, online.toJson(), QOS_AT_LEAST_ONCE, true);
        } catch (MqttException e) {
            // The next connect publishes it again.
            LOG.warn("{}: birth message not sent: {}", settings.gateway(), e.toString());
        }
    }

    private void onDelivered(JournalEntry e, int wireLength) {
        if (journal.acknowledge(e.id())) {
            publishedBatches.incrementAndGet();
            publishedReadings.addAndGet(e.readings());
            sentPayloadBytes.addAndGet(e.payload().length);
            wireBytes.addAndGet(wireLength);
        }
        pump();
    }

    private void onFailed(JournalEntry e, long sentIn, Throwable failure) {
        if (sentIn != epoch) {
            return; // that connection is gone; the record was already requeued
        }
        if (isConnected()) {
            LOG.warn(
                    "{}: journal record {} not acknowledged ({}); resending what is in flight",
                    settings.gateway(),
                    e.id(),
                    failure.toString());
        }
        // Resend everything in flight from the oldest, so the order is kept.
        epoch++;
        journal.requeueInFlight();
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
            executor.schedule(r, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (!closing) {
                throw e;
            }
        }
    }

    /** Paho's delivery callback for one record, handed to the executor. */
    private final class Delivery implements MqttActionListener {
        private final JournalEntry entry;
        private final int wireLength;
        private final long sentIn;

        Delivery(JournalEntry entry, int wireLength, long sentIn) {
            this.entry = entry;
            this.wireLength = wireLength;
            this.sentIn = sentIn;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            onExecutor(() -> onDelivered(entry, wireLength));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            onExecutor(() -> onFailed(entry, sentIn, failure));
        }
    }

    /** Paho's connection callbacks of one client, handed to the executor. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason =
                    response.getException() != null
                            ? response.getException().toString()
                            : "reason code "
                                    + response.getReturnCode()
                                    + " "
                                    + response.getReasonString();
            onExecutor(() -> onConnectionLost(owner, reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{}: MQTT protocol error: {}", settings.gateway(), exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            for (Map.Entry<String, Consumer<byte[]>> s : subscriptions.entrySet()) {
                if (MqttTopicValidator.isMatched(s.getKey(), topic)) {
                    deliver(s.getKey(), s.getValue(), message);
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Handled per record by Delivery.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            onExecutor(() -> onConnected(owner));
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
