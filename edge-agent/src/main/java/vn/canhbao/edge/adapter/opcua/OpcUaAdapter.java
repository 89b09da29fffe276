package vn.canhbao.edge.adapter.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.edge.adapter.AdapterCounters;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.SampleSink;
import vn.canhbao.edge.adapter.SensorAdapter;

/**
 * OPC UA client (Eclipse Milo 1.1.2) that subscribes to configured PLC variables and turns their
 * data changes into samples.
 *
 * <p>Connection: security policy None, anonymous (for a PLC on the gateway's own segment; signed
 * and encrypted channels are left for later). One subscription with one monitored data item per
 * node, with an absolute-deadband {@code DataChangeFilter} when a deadband is configured (also
 * enforced on the client side). When the connection is lost (session inactive, subscription
 * watchdog, transfer failure) or cannot be made, the adapter drops the client and connects anew
 * with backoff ({@code reconnectMin} doubling to {@code reconnectMax}), recreating the
 * subscription; the first value of each node after a reconnect is always a sample. Changes that
 * happen while disconnected are not recovered (OPC UA keeps no history for us here): the PLC's
 * current value on reconnect is what arrives.
 *
 * <p>Bad values (status not good, non-numeric, NaN or out of range after scaling) and nodes the
 * server refuses to monitor are rejected with a reason and counted; other nodes go on. Threads: one
 * supervisor thread {@code canhbao-opcua} plus Milo's shared stack threads.
 */
public final class OpcUaAdapter implements SensorAdapter {
    public static final String NAME = "opcua";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaAdapter.class);

    private final OpcUaAdapterConfig config;
    private final Clock clock;
    private final AdapterCounters counters = new AdapterCounters(NAME);
    private final OpcUaTranslator translator = new OpcUaTranslator();
    private final ScheduledExecutorService supervisor;

    private volatile SampleSink sink;
    private volatile boolean closed;
    private volatile boolean up;
    private volatile long reconnects;
    // Only touched on the supervisor thread.
    private OpcUaClient client;
    private long generation;
    private Duration backoff;

    public OpcUaAdapter(OpcUaAdapterConfig config) {
        this(config, Clock.systemUTC());
    }

    public OpcUaAdapter(OpcUaAdapterConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = config.reconnectMin();
        this.supervisor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "canhbao-opcua");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(SampleSink sink) {
        if (this.sink != null || closed) {
            throw new IllegalStateException("opcua adapter already started or closed");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        supervisor.execute(this::connect);
    }

    @Override
    public AdapterStats stats() {
        return counters.snapshot(up && !closed);
    }

    /** Connections made after the first one (for health and tests). */
    public long reconnects() {
        return reconnects;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            supervisor
                    .submit(this::teardown)
                    .get(config.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | RejectedExecutionException e) {
            LOG.warn("opcua: disconnect did not finish cleanly: {}", e.toString());
        }
        supervisor.shutdownNow();
        up = false;
    }

    private void connect() {
        if (closed) {
            return;
        }
        long gen = ++generation;
        String url = config.endpointUrl().toString();
        try {
            OpcUaClient c =
                    OpcUaClient.create(
                            url,
                            endpoints ->
                                    endpoints.stream()
                                            .filter(
                                                    e ->
                                                            SecurityPolicy.None.getUri()
                                                                    .equals(
                                                                            e
                                                                                    .getSecurityPolicyUri()))
                                            .findFirst()
                                            .map(
                                                    e ->
                                                            EndpointUtil.updateUrl(
                                                                    e,
                                                                    config.endpointUrl().getHost(),
                                                                    config.endpointUrl()
                                                                            .getPort())),
                            transport ->
                                    transport.setConnectTimeout(
                                            uint(config.requestTimeout().toMillis())),
                            cfg ->
                                    cfg.setApplicationName(
                                                    LocalizedText.english("canhbao edge agent"))
                                            .setApplicationUri("urn:canhbao:edge-agent")
                                            .setRequestTimeout(
                                                    uint(config.requestTimeout().toMillis())));
            client = c;
            c.connect();
            translator.reset();
            OpcUaSubscription sub =
                    new OpcUaSubscription(c, (double) config.publishingInterval().toMillis());
            sub.setSubscriptionListener(
                    new OpcUaSubscription.SubscriptionListener() {
                        @Override
                        public void onWatchdogTimerElapsed(OpcUaSubscription s) {
                            lost(gen, "subscription watchdog elapsed");
                        }

                        @Override
                        public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
                            lost(gen, "subscription transfer failed: " + status);
                        }
                    });
            sub.create();
            List<OpcUaMonitoredItem> items = new ArrayList<>();
            for (OpcUaNode node : config.nodes()) {
                OpcUaMonitoredItem item =
                        OpcUaMonitoredItem.newDataItem(NodeId.parse(node.nodeId()));
                item.setSamplingInterval((double) config.samplingInterval().toMillis());
                item.setQueueSize(uint(10));
                if (node.deadband() > 0) {
                    item.setFilter(
                            new DataChangeFilter(
                                    DataChangeTrigger.StatusValue,
                                    uint(DeadbandType.Absolute.getValue()),
                                    node.deadband()));
                }
                item.setDataValueListener((i, value) -> onValue(node, value));
                items.add(item);
            }
            sub.addMonitoredItems(items);
            sub.createMonitoredItems();
            for (int i = 0; i < items.size(); i++) {
                OpcUaNode node = config.nodes().get(i);
                Optional<StatusCode> result = items.get(i).getCreateResult();
                if (result.isEmpty() || !result.get().isGood()) {
                    counters.reject(
                            sink,
                            new AdapterRejection(
                                    NAME,
                                    source(node),
                                    "nodeId",
                                    node.nodeId(),
                                    "the server refused to monitor the node: "
                                            + result.map(StatusCode::toString).orElse("no result"),
                                    clock.instant()));
                }
            }
            c.addSessionActivityListener(
                    new SessionActivityListener() {
                        @Override
                        public void onSessionInactive(UaSession session) {
                            lost(gen, "session inactive");
                        }
                    });
            if (generation > 1) {
                reconnects++;
            }
            up = true;
            backoff = config.reconnectMin();
            LOG.info("opcua: subscribed to {} nodes at {}", items.size(), url);
        } catch (UaException | RuntimeException e) {
            LOG.info("opcua: cannot connect to {} ({}), again in {}", url, e.toString(), backoff);
            teardown();
            scheduleConnect();
        }
    }

    /** Called from Milo threads when the connection of generation {@code gen} is lost. */
    private void lost(long gen, String why) {
        try {
            supervisor.execute(
                    () -> {
                        if (gen != generation || closed) {
                            return;
                        }
                        LOG.info("opcua: connection to {} lost ({})", config.endpointUrl(), why);
                        teardown();
                        scheduleConnect();
                    });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void scheduleConnect() {
        if (closed) {
            return;
        }
        Duration wait = backoff;
        backoff =
                backoff.multipliedBy(2).compareTo(config.reconnectMax()) > 0
                        ? config.reconnectMax()
                        : backoff.multipliedBy(2);
        try {
            supervisor.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void teardown() {
        up = false;
        generation++;
        OpcUaClient c = client;
        client = null;
        if (c != null) {
            try {
                c.disconnectAsync().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                LOG.debug("opcua: disconnect: {}", e.toString());
            }
        }
    }

    private void onValue(OpcUaNode node, DataValue value) {
        Instant now = clock.instant();
        try {
            StatusCode status = value.getStatusCode();
            Object raw = value.getValue() == null ? null : value.getValue().getValue();
            translator
                    .translate(
                            node,
                            status == null || status.isGood(),
                            String.valueOf(status),
                            raw,
                            OpcUaTranslator.time(
                                    instant(value.getSourceTime()), instant(value.getServerTime())),
                            now)
                    .ifPresent(s -> counters.deliver(sink, List.of(s), now));
        } catch (ContractViolation cv) {
            counters.reject(sink, AdapterRejection.of(NAME, source(node), cv, now));
        }
    }

    private static Instant instant(DateTime t) {
        return t == null || !t.isValid() ? null : t.getJavaInstant();
    }

    private String source(OpcUaNode node) {
        return "opcua " + config.endpointUrl() + " " + node.nodeId();
    }
}
