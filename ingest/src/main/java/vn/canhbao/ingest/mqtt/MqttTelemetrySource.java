package vn.canhbao.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestException;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.telemetry.TelemetryPipeline;

/**
 * Thin Paho MQTT 5 adapter: subscribes to {@code $share/{group}/cb/v1/gw/+/telemetry} at QoS 1 on
 * {@link IngestConfig#mqttConnections()} connections (client ids {@link
 * IngestConfig#mqttClientIds()}, one {@link SubscriberConnection} each) and feeds each message to
 * the {@link TelemetryPipeline}. The broker spreads the messages over the connections like over
 * instances; each connection has its own session, receive thread and acknowledgements.
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
 *   <li>Each connection has a generation number (per connection: one dropping does not touch the
 *       others). A Kafka acknowledgement that completes after its message's connection was lost is
 *       NOT turned into a PUBACK: the broker redelivers that message on the new connection, and the
 *       old packet id may by then name a different message. Such a message reaches Kafka twice
 *       (at-least-once; deduplication by (gateway, seq) is downstream's job).
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * Each connection's Paho callback thread only hands messages over, so it never blocks on Kafka and
 * keep-alives keep flowing. {@value #SENDER_LANES} {@code ingest-send-*} threads, shared by the
 * connections, run the pipeline; the gateway in the topic picks the lane, so the messages of a
 * gateway that one connection receives are handled in its arrival order (which keeps each sensor's
 * order in Kafka) while gateways proceed in parallel. A lane may block up to {@code max.block.ms}
 * while Kafka metadata is unavailable. One {@code ingest-control-{clientId}} thread per connection
 * sends its PUBACKs and performs its forced reconnects, so an acknowledgement never interleaves
 * with a reconnect. The number of unacknowledged messages the broker sends is bounded by the MQTT 5
 * Receive Maximum ({@value #RECEIVE_MAXIMUM}) per connection.
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

    static final long TOKEN_TIMEOUT_MS = 15_000;

    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetrySource.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final List<ThreadPoolExecutor> senders = new ArrayList<>();
    private final List<SubscriberConnection> connections = new ArrayList<>();

    /**
     * @throws IngestException when a client cannot be created (for example a malformed URI)
     */
    public MqttTelemetrySource(
            IngestConfig config, TelemetryPipeline pipeline, IngestMetrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(metrics, "metrics");
        String topicFilter = MqttTopics.sharedTelemetry(config.shareGroup());
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
        try {
            for (String clientId : config.mqttClientIds()) {
                connections.add(
                        new SubscriberConnection(
                                config.mqttUri(),
                                clientId,
                                topicFilter,
                                connectionOptions(config),
                                pipeline,
                                metrics,
                                this::dispatch));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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

    /** The gateway in the topic picks the lane: one gateway, one lane, arrival order. */
    private void dispatch(String topic, Runnable task) {
        senders.get(Math.floorMod(topic.hashCode(), senders.size())).execute(task);
    }

    /**
     * Connects and subscribes every connection, one after the other; returns once the broker
     * granted each the subscription at QoS 1 (messages flow on the first while the next connects).
     *
     * @throws IngestException when the broker cannot be reached or refuses a subscription
     */
    public void start() {
        connections.forEach(SubscriberConnection::start);
    }

    /** True while every connection is connected with the subscription granted at QoS 1. */
    public boolean isSubscribed() {
        return subscribedConnections() == connections.size();
    }

    /** How many connections are connected with the subscription granted at QoS 1 right now. */
    public int subscribedConnections() {
        return (int) connections.stream().filter(SubscriberConnection::isSubscribed).count();
    }

    /** The client ids of the connections, in index order. */
    public List<String> clientIds() {
        return connections.stream().map(SubscriberConnection::clientId).toList();
    }

    /**
     * Stops taking new messages (they stay unacknowledged for the broker) and waits for the ones in
     * hand.
     */
    public void stopIntake() {
        connections.forEach(SubscriberConnection::stopIntake);
        senders.forEach(ThreadPoolExecutor::shutdownNow);
        senders.forEach(sender -> awaitTermination(sender, "ingest-send"));
    }

    /**
     * Sends the acknowledgements still due, disconnects every connection and releases Paho's
     * threads. Call {@link #stopIntake()} and flush the sink before, so pending Kafka writes turn
     * into acknowledgements.
     */
    @Override
    public void close() {
        stopIntake();
        connections.forEach(SubscriberConnection::close);
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static void awaitTermination(ExecutorService executor, String name) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within {} s", name, SHUTDOWN_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
