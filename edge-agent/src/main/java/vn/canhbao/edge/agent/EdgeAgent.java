package vn.canhbao.edge.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.AgentVersion;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.SampleSink;
import vn.canhbao.edge.adapter.SensorAdapter;
import vn.canhbao.edge.adapter.camera.CameraProbe;
import vn.canhbao.edge.adapter.camera.CameraUnavailable;
import vn.canhbao.edge.adapter.coap.CoapAdapter;
import vn.canhbao.edge.adapter.coap.CoapAdapterConfig;
import vn.canhbao.edge.adapter.mqtt.MqttLocalAdapter;
import vn.canhbao.edge.adapter.mqtt.MqttLocalAdapterConfig;
import vn.canhbao.edge.adapter.opcua.OpcUaAdapter;
import vn.canhbao.edge.config.ConfigStore;
import vn.canhbao.edge.config.RemoteConfig;
import vn.canhbao.edge.health.HealthReporter;
import vn.canhbao.edge.health.Heartbeat;
import vn.canhbao.edge.health.SensorActivity;
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.JournalStats;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.scenario.Scenario;
import vn.canhbao.edge.scenario.ScenarioLoader;
import vn.canhbao.edge.scenario.SensorSeries;
import vn.canhbao.edge.seq.SequenceCounter;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;
import vn.canhbao.edge.warn.CommandHook;
import vn.canhbao.edge.warn.LocalWarnings;

/**
 * The real gateway agent: sensor adapters → sequence numbers → SenML packs → store → MQTT 5 uplink,
 * with local warnings, remote config and health.
 *
 * <pre>
 * adapters ─▶ sink: seq (SequenceCounter) ─▶ pending batch ─▶ SenML pack ─▶ Journal (TELEMETRY)
 *                 │                                                        └▶ MqttUplink ─▶ broker
 *                 └▶ LocalWarnings (hazards rules) ─▶ AlertEvent ─▶ Journal (ALERT, fsynced, sent first)
 *                                                  └▶ CommandHook (siren)
 * registry ─▶ …/config ─▶ RemoteConfig (validate, store, swap, ack …/config/ack)
 * HealthReporter ─▶ …/health every interval
 * </pre>
 *
 * <p>Config, acks and heartbeats go over the uplink's own connection ({@link MqttUplink} is the
 * {@link vn.canhbao.edge.link.ControlLink}): one MQTT session per gateway. A pack is appended to
 * the journal (group fsync) every batch interval, or at once when an adapter commits before it
 * acknowledges its sensor ({@link SampleSink#commit()}): acknowledged samples are on disk; samples
 * nobody acknowledges (scenario, OPC UA) can be lost for up to one batch interval in a crash.
 *
 * <p>The sensors adapters accept are the config file's {@code sensors} plus the stored remote
 * config's sensors of this gateway at start; a remote config that adds sensors takes effect for the
 * adapters at the next start (thresholds and calibrations apply at once).
 *
 * <p>Threads: {@code canhbao-agent-<gw>} (batches, uplink), {@code canhbao-health}, {@code
 * canhbao-warn-hook}, and the adapters' own. {@link #close()} stops them.
 */
public final class EdgeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeAgent.class);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final EdgeAgentConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final SenmlCodec codec = new SenmlCodec();
    private final SensorActivity activity = new SensorActivity();
    private final List<Reading> pending = new ArrayList<>();

    /** Samples ever accepted (guarded by {@code pending}). */
    private long acceptedSamples;

    /** Samples ever appended to the journal, and the id of the last append (guarded by it). */
    private final Object journaled = new Object();

    private long journaledSamples;
    private long lastAppendedId = -1;
    private long failedFlushes;
    private final List<SensorAdapter> adapters = new ArrayList<>();
    private Journal journal;
    private SequenceCounter sequence;
    private ScheduledThreadPoolExecutor executor;
    private MqttUplink uplink;
    private RemoteConfig remoteConfig;
    private LocalWarnings warnings;
    private HealthReporter health;
    private Optional<CameraProbe> cameras = Optional.empty();
    private boolean started;
    private boolean closed;

    public EdgeAgent(EdgeAgentConfig config) {
        this(config, Clock.systemUTC());
    }

    public EdgeAgent(EdgeAgentConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
    }

    /**
     * Opens the data dir, loads the stored config, starts the uplink, adapters, warnings and
     * health; returns without waiting for any broker.
     *
     * @throws IllegalStateException when the data dir is in use or damaged
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("agent already started or closed");
        }
        started = true;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + config.dataDir(), e);
        }
        sequence = SequenceCounter.open(config.dataDir(), config.gateway());
        try {
            journal =
                    Journal.open(
                            JournalConfig.defaults(
                                            config.dataDir()
                                                    .resolve("journal")
                                                    .resolve(config.gateway().value()))
                                    .withMaxBytes(config.uplink().maxJournalBytes())
                                    .withFsyncInterval(config.uplink().fsyncInterval()));
        } catch (IOException e) {
            sequence.close();
            throw new IllegalStateException("cannot open the journal in " + config.dataDir(), e);
        }
        executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "canhbao-agent-" + config.gateway().value());
                            t.setDaemon(true);
                            return t;
                        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        uplink =
                new MqttUplink(
                        new UplinkSettings(
                                config.gateway(),
                                config.uplink().broker().toString(),
                                config.uplink().clientId(),
                                config.uplink().sessionExpiry(),
                                Duration.ofSeconds(30),
                                config.uplink().reconnectMaxDelay(),
                                config.uplink().maxInFlight(),
                                AgentVersion.get(),
                                config.uplink().tls(),
                                config.uplink().replayReadingsPerSecond(),
                                config.uplink().compressMinBytes()),
                        journal,
                        executor,
                        clock);
        // Config, acks and heartbeats share the uplink's connection (one MQTT session per gateway).
        remoteConfig =
                new RemoteConfig(
                        config.gateway(), new ConfigStore(config.dataDir()), uplink, clock);
        warnings =
                new LocalWarnings(
                        config.localWarnings(),
                        remoteConfig::site,
                        uplink::isConnected,
                        new JournalAlerts(journal, uplink),
                        CommandHook.of(config.localWarnings()),
                        clock);
        remoteConfig.start(); // loads the stored config now, subscribes once connected
        uplink.start();
        long batchMs = config.batchInterval().toMillis();
        executor.scheduleAtFixedRate(this::flushQuietly, batchMs, batchMs, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
        startAdapters();
        health =
                new HealthReporter(
                        config.gateway(), uplink, this::heartbeat, config.healthInterval());
        health.start();
        LOG.info(
                "{}: agent started; adapters {}, broker {}, local warnings {}",
                config.gateway(),
                adapters.stream().map(SensorAdapter::name).toList(),
                config.uplink().broker(),
                config.localWarnings().mode().wireName());
    }

    private void startAdapters() {
        Map<SensorId, Quantity> known = new LinkedHashMap<>(config.sensors());
        Optional<Scenario> scenario = config.scenario().map(s -> ScenarioLoader.load(s.source()));
        scenario.ifPresent(
                s -> {
                    for (SensorSeries series : s.sensors()) {
                        known.putIfAbsent(series.sensor(), series.quantity());
                    }
                });
        List<SensorConfig> fromRemote =
                remoteConfig.current().map(c -> c.ownSensors()).orElse(List.of());
        for (SensorConfig c : fromRemote) {
            known.putIfAbsent(c.sensor(), c.quantity());
        }
        KnownSensors sensors = KnownSensors.of(known);
        SampleSink sink = new AgentSink();
        config.mqttLocal()
                .ifPresent(
                        m ->
                                adapters.add(
                                        new MqttLocalAdapter(
                                                MqttLocalAdapterConfig.of(
                                                        m.broker(), m.clientId(), sensors),
                                                clock)));
        config.coap()
                .ifPresent(
                        c -> {
                            CoapAdapterConfig cc = CoapAdapterConfig.of(sensors);
                            if (c.plain().isPresent()) {
                                cc = cc.withPlain(c.plain().get());
                            }
                            if (c.dtls().isPresent()) {
                                cc = cc.withDtls(c.dtls().get(), c.psk());
                            }
                            adapters.add(new CoapAdapter(cc, clock));
                        });
        config.opcua().ifPresent(o -> adapters.add(new OpcUaAdapter(o, clock)));
        config.scenario()
                .ifPresent(
                        s ->
                                adapters.add(
                                        new ScenarioAdapter(
                                                scenario.orElseThrow(),
                                                s.timeScale(),
                                                s.interval()
                                                        .orElse(scenario.get().publishInterval()),
                                                clock)));
        for (SensorAdapter a : adapters) {
            a.start(sink);
        }
        cameras = config.cameras().map(c -> new CameraProbe(c, clock));
        cameras.ifPresent(CameraProbe::start);
        if (cameras.isPresent()) {
            uplink.subscribe(
                    MqttTopics.snapshotRequest(config.gateway()),
                    payload -> executor.execute(() -> snapshot(payload)));
        }
    }

    /**
     * Answers a snapshot request (payload: the camera id): the next keyframe as a JPEG on {@code
     * …/snapshot/{camera}}, or the reason on {@code …/snapshot-error}. Runs on the agent thread:
     * one snapshot at a time, and never on the MQTT callback thread.
     */
    private void snapshot(byte[] payload) {
        String requested = new String(payload, StandardCharsets.UTF_8).trim();
        try {
            CameraId camera = CameraId.of(requested);
            byte[] jpeg = cameras.orElseThrow().snapshot(camera);
            uplink.publish(MqttTopics.snapshot(config.gateway(), camera), jpeg, false);
            LOG.info("{}: snapshot of {} sent ({} bytes)", config.gateway(), camera, jpeg.length);
        } catch (ContractViolation | CameraUnavailable e) {
            LOG.warn(
                    "{}: snapshot of '{}' refused: {}",
                    config.gateway(),
                    requested,
                    e.getMessage());
            try {
                uplink.publish(
                        MqttTopics.snapshotError(config.gateway()),
                        Json.mapper()
                                .writeValueAsBytes(
                                        Map.of("camera", requested, "error", e.getMessage())),
                        false);
            } catch (IOException | RuntimeException failed) {
                LOG.warn(
                        "{}: could not report the snapshot error: {}",
                        config.gateway(),
                        failed.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("{}: snapshot of '{}' failed", config.gateway(), requested, e);
        }
    }

    /** Every second: notice an uplink cut for the warnings. */
    private void housekeeping() {
        try {
            warnings.checkUplink();
        } catch (RuntimeException e) {
            LOG.error("{}: housekeeping failed", config.gateway(), e);
        }
    }

    /** Takes samples from every adapter: numbers them, batches them, runs the warnings. */
    /** The longest an adapter waits for its samples to become durable before answering "retry". */
    static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final class AgentSink implements SampleSink {
        @Override
        public void accept(Sample sample) {
            Reading r;
            boolean full;
            synchronized (pending) {
                r =
                        new Reading(
                                config.gateway(),
                                sample.sensor(),
                                sample.quantity(),
                                sample.value(),
                                sample.time(),
                                sequence.next());
                pending.add(r);
                acceptedSamples++;
                full = pending.size() >= config.maxBatchReadings();
            }
            activity.seen(sample.sensor(), sample.time());
            if (full) {
                executor.execute(EdgeAgent.this::flushQuietly);
            }
            try {
                warnings.onReading(r);
            } catch (RuntimeException e) {
                // A rule failure must never refuse a reading that is already numbered and batched.
                LOG.error("{}: local warnings failed on {}", config.gateway(), r, e);
            }
        }

        @Override
        public boolean commit() {
            return commitAccepted(COMMIT_TIMEOUT);
        }

        /**
         * Counts the rejection for the heartbeat and journals it as a DIAGNOSTIC dead letter
         * (field, value, reason, source), which the uplink sends on the events topic behind
         * telemetry and which is evicted first when the journal is full.
         */
        @Override
        public void reject(AdapterRejection rejection) {
            activity.rejected(rejection);
            try {
                Map<String, Object> letter = new LinkedHashMap<>();
                letter.put("schema", "cb.gateway-rejection.v1");
                letter.put("gateway", config.gateway().value());
                letter.put("adapter", rejection.adapter());
                letter.put("source", rejection.source());
                letter.put("field", rejection.field());
                letter.put("value", rejection.value());
                letter.put("reason", rejection.reason());
                letter.put("at", rejection.at().toString());
                journal.append(Priority.DIAGNOSTIC, Json.mapper().writeValueAsBytes(letter), 0);
            } catch (IOException | RuntimeException e) {
                // Bad input must never break the agent: the count above stays.
                LOG.warn("{}: could not journal a rejection: {}", config.gateway(), e.toString());
            }
        }
    }

    /**
     * Group commit: asks the agent thread to append what is pending now, waits until every sample
     * accepted before the call is in the journal, then until the journal fsynced it.
     */
    private boolean commitAccepted(Duration timeout) {
        long target;
        synchronized (pending) {
            target = acceptedSamples;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long id;
        synchronized (journaled) {
            long failuresBefore = failedFlushes;
            if (journaledSamples < target) {
                try {
                    executor.execute(this::flushQuietly);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return false; // closing: the sensor will resend
                }
            }
            while (journaledSamples < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(journaled, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (failedFlushes != failuresBefore) {
                return false; // a flush failed meanwhile, maybe with these samples: resend
            }
            id = lastAppendedId;
        }
        if (id < 0) {
            return true;
        }
        try {
            return journal.awaitDurable(
                    id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("{}: batch flush failed; continuing", config.gateway(), e);
        }
    }

    /** Packs what is pending into SenML packs in the journal. Runs on the agent thread. */
    private void flush() {
        List<Reading> take;
        synchronized (pending) {
            if (pending.isEmpty()) {
                uplink.pump();
                return;
            }
            take = new ArrayList<>(pending);
            pending.clear();
        }
        long last = -1;
        try {
            for (int from = 0; from < take.size(); from += config.maxBatchReadings()) {
                List<Reading> part =
                        take.subList(from, Math.min(take.size(), from + config.maxBatchReadings()));
                byte[] payload = codec.encode(new ReadingBatch(config.gateway(), part));
                last = journal.append(Priority.TELEMETRY, payload, part.size());
            }
        } catch (RuntimeException e) {
            synchronized (journaled) {
                // These samples are lost; the adapters waiting for them answer "retry".
                journaledSamples += take.size();
                failedFlushes++;
                journaled.notifyAll();
            }
            throw e;
        }
        synchronized (journaled) {
            journaledSamples += take.size();
            lastAppendedId = last;
            journaled.notifyAll();
        }
        uplink.pump();
    }

    JournalStats journalStats() {
        return journal.stats();
    }

    Heartbeat heartbeat() {
        long free;
        try {
            free = Files.getFileStore(config.dataDir()).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        JournalStats js = journal.stats();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("localWarnings", warnings.stats());
        extra.put("config", remoteConfig.stats());
        extra.put(
                "uplink",
                Map.of(
                        "connected", uplink.isConnected(),
                        "publishedReadings", uplink.publishedReadings(),
                        "evictedReadings", journal.evictedReadings(),
                        "evictedRecords", js.evictedRecords(),
                        "recordsByPriority", js.recordsByPriority(),
                        "tornTailRecovered", js.tornTailRecovered()));
        return new Heartbeat(
                config.gateway(),
                clock.instant(),
                AgentVersion.get(),
                Duration.between(startedAt, clock.instant()),
                js.records(),
                js.bytes(),
                free,
                activity.lastSeen(),
                remoteConfig.stats().clockBehindAtLeast(),
                cameras.map(CameraProbe::health).orElse(List.of()),
                adapterStats(),
                activity.rejectedByReason(),
                extra);
    }

    public List<AdapterStats> adapterStats() {
        return adapters.stream().map(SensorAdapter::stats).toList();
    }

    public RemoteConfig remoteConfig() {
        return remoteConfig;
    }

    public LocalWarnings.WarningStats warningStats() {
        return warnings.stats();
    }

    public boolean uplinkConnected() {
        return uplink != null && uplink.isConnected();
    }

    public long publishedReadings() {
        return uplink == null ? 0 : uplink.publishedReadings();
    }

    /**
     * Stops the adapters, packs what is pending, waits up to 5 s for the broker to acknowledge the
     * journal (what is left is sent after the next start), publishes {@code offline}, stops every
     * thread. Idempotent.
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
        for (SensorAdapter a : adapters) {
            try {
                a.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: adapter {} did not close cleanly", config.gateway(), a.name(), e);
            }
        }
        cameras.ifPresent(CameraProbe::close);
        if (health != null) {
            health.close();
        }
        try {
            executor.submit(this::flushQuietly)
                    .get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: last flush did not finish: {}", config.gateway(), e.toString());
        }
        if (!uplink.drain(DRAIN_TIMEOUT)) {
            LOG.warn(
                    "{}: {} packs still unacknowledged at stop",
                    config.gateway(),
                    journal.stats().records());
        }
        uplink.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        warnings.close();
        journal.close();
        sequence.close();
        LOG.info("{}: agent stopped", config.gateway());
    }
}
