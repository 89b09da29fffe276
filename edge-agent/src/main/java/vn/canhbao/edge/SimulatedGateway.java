package vn.canhbao.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.JournalStats;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.scenario.Scenario;
import vn.canhbao.edge.scenario.ScenarioLoader;
import vn.canhbao.edge.seq.SequenceCounter;
import vn.canhbao.edge.sim.ScenarioSampler;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;

/**
 * A gateway whose sensors are simulated from a scenario, sending real MQTT 5 telemetry.
 *
 * <p>Every publish interval it samples each sensor once, gives the readings the next numbers of the
 * gateway's durable {@link SequenceCounter} (strictly increasing across restarts), encodes them as
 * one SenML pack and appends it to the durable {@link Journal} (in {@code
 * dataDir/journal/<gatewayId>}) with TELEMETRY priority; {@link MqttUplink} sends it with QoS 1 and
 * the journal deletes it only on the broker's acknowledgement. See {@link MqttUplink} and {@link
 * Journal} for the delivery guarantee: at least once and in order, across broker outages, agent
 * restarts and crashes; only a full journal ({@code maxOutboxBytes}) drops the oldest telemetry
 * (counted). {@link #close()} waits up to 5 s for the journal to drain; what is left is sent after
 * the next start.
 *
 * <p>Threads: one scheduler thread named {@code canhbao-edge-<gatewayId>} plus Paho's; {@link
 * #close()} stops all of them. Not restartable: create a new instance.
 */
public final class SimulatedGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGateway.class);

    /** One interval is one pack; a scenario with more sensors than this is refused. */
    private static final int MAX_READINGS_PER_PACK = 1_000;

    /**
     * How long {@link #close()} waits for the broker to acknowledge what is still in the outbox.
     */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final SimulatedGatewayConfig config;
    private final Scenario scenario;
    private final Clock clock;
    private final Duration interval;
    private final SenmlCodec codec = new SenmlCodec();
    private volatile Journal journal;
    private final AtomicLong sampledBatches = new AtomicLong();
    private volatile SequenceCounter sequence;
    private ScheduledThreadPoolExecutor executor;
    private volatile MqttUplink uplink;
    private ScheduledFuture<?> ticks;
    private boolean started;
    private boolean closed;

    /**
     * Loads and checks the scenario; opens nothing yet. @throws ContractViolation on a bad scenario
     */
    public SimulatedGateway(SimulatedGatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * As {@link #SimulatedGateway(SimulatedGatewayConfig)}, stamping readings with {@code clock}.
     */
    public SimulatedGateway(SimulatedGatewayConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scenario = ScenarioLoader.load(config.scenario());
        if (!scenario.gateway().equals(config.gatewayId())) {
            throw new ContractViolation(
                    "scenario.gateway",
                    scenario.gateway().value(),
                    "scenario "
                            + config.scenario()
                            + " is for another gateway than "
                            + config.gatewayId().value());
        }
        if (scenario.sensors().size() > MAX_READINGS_PER_PACK) {
            throw new ContractViolation(
                    "scenario.sensors",
                    scenario.sensors().size(),
                    "at most " + MAX_READINGS_PER_PACK);
        }
        this.interval = config.publishInterval().orElse(scenario.publishInterval());
    }

    /**
     * Opens the sequence counter in {@code dataDir}, starts connecting and sends the first batch at
     * once, then one per interval. Returns without waiting for the broker.
     *
     * @throws IllegalStateException when started twice or the data dir is in use or damaged
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(
                    "gateway " + config.gatewayId() + " already started or closed");
        }
        sequence = SequenceCounter.open(config.dataDir(), config.gatewayId());
        try {
            journal = Journal.open(journalConfig());
            uplink = new MqttUplink(uplinkSettings(), journal, newScheduler(), clock);
        } catch (IOException | RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            if (journal != null) {
                journal.close();
            }
            sequence.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(
                        "cannot open the journal in " + config.dataDir(), io);
            }
            throw (RuntimeException) e;
        }
        started = true;
        ScenarioSampler sampler =
                new ScenarioSampler(
                        scenario, clock, clock.instant(), config.timeScale(), sequence::next);
        uplink.start();
        ticks =
                executor.scheduleAtFixedRate(
                        () -> tick(sampler), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "{}: simulating {} sensors from {} every {} (time scale {}), broker {}",
                config.gatewayId(),
                scenario.sensors().size(),
                config.scenario(),
                interval,
                config.timeScale(),
                config.brokerUri());
    }

    public SimulatedGatewayConfig config() {
        return config;
    }

    /** The scenario being played (its gateway, sensors and series). */
    public Scenario scenario() {
        return scenario;
    }

    /** The wall-clock interval between batches actually used. */
    public Duration publishInterval() {
        return interval;
    }

    public GatewayStats stats() {
        MqttUplink u;
        SequenceCounter s;
        u = uplink;
        s = sequence;
        Journal j = journal;
        JournalStats js = j == null ? null : j.stats();
        return new GatewayStats(
                sampledBatches.get(),
                u == null ? 0 : u.publishedBatches(),
                u == null ? 0 : u.publishedReadings(),
                js == null ? 0 : (int) Math.min(Integer.MAX_VALUE, js.records()),
                js == null ? 0 : js.bytes(),
                js == null ? 0 : js.evictedTotal(),
                j == null ? 0 : j.evictedReadings(),
                s == null ? -1 : s.peek(),
                u != null && u.isConnected());
    }

    /**
     * Stops sampling; if connected, waits up to {@link #DRAIN_TIMEOUT} (5 s) until the broker has
     * acknowledged every batch still in the journal; publishes the retained {@code offline} state,
     * disconnects, closes the journal and stops every thread it started. Batches still
     * unacknowledged then (broker down, or too slow) stay in the journal for the next start.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        try {
            stopSampling();
            if (!uplink.drain(DRAIN_TIMEOUT)) {
                LOG.warn(
                        "{}: {} telemetry batches still unacknowledged after waiting {}; kept in the journal",
                        config.gatewayId(),
                        journal.stats().records(),
                        DRAIN_TIMEOUT);
            }
            uplink.close();
        } finally {
            // Runs the acknowledgements already queued; drops delayed retries (see newScheduler).
            executor.shutdown();
            awaitTermination();
            journal.close();
            sequence.close();
        }
        LOG.info("{}: stopped; {}", config.gatewayId(), stats());
    }

    private void tick(ScenarioSampler sampler) {
        try {
            ReadingBatch batch = sampler.sample();
            byte[] payload = codec.encode(batch);
            journal.append(Priority.TELEMETRY, payload, batch.readings().size());
            sampledBatches.incrementAndGet();
            uplink.pump();
        } catch (RuntimeException e) {
            // Thrown out of a periodic task it would silently cancel all later ticks.
            LOG.error(
                    "{}: simulation tick failed; continuing with the next interval",
                    config.gatewayId(),
                    e);
        }
    }

    private ScheduledExecutorService newScheduler() {
        executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "canhbao-edge-" + config.gatewayId().value());
                            t.setDaemon(true);
                            return t;
                        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Cancels the ticks and waits until a tick that is running has finished. */
    private void stopSampling() {
        ticks.cancel(false);
        try {
            executor.submit(() -> {}).get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "{}: the last simulation tick did not finish: {}",
                    config.gatewayId(),
                    e.toString());
        }
    }

    private JournalConfig journalConfig() {
        long max = config.maxOutboxBytes();
        int segment = (int) Math.min(JournalConfig.DEFAULT_SEGMENT_BYTES, max);
        return JournalConfig.defaults(
                        config.dataDir().resolve("journal").resolve(config.gatewayId().value()))
                .withSegmentBytes(segment)
                .withMaxBytes(max);
    }

    private UplinkSettings uplinkSettings() {
        return new UplinkSettings(
                config.gatewayId(),
                config.brokerUri().toString(),
                config.clientId(),
                config.sessionExpiry(),
                Duration.ofSeconds(30),
                config.reconnectMaxDelay(),
                10,
                AgentVersion.get());
    }

    private void awaitTermination() {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: scheduler thread did not stop within 5 s", config.gatewayId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
