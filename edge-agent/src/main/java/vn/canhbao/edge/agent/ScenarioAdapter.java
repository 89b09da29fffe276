package vn.canhbao.edge.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.edge.adapter.AdapterRejection;
import vn.canhbao.edge.adapter.AdapterStats;
import vn.canhbao.edge.adapter.Sample;
import vn.canhbao.edge.adapter.SampleSink;
import vn.canhbao.edge.adapter.SensorAdapter;
import vn.canhbao.edge.scenario.Scenario;
import vn.canhbao.edge.scenario.SensorSeries;

/**
 * Simulated sensors as a {@link SensorAdapter}: every interval, one sample per scenario sensor at
 * the current scenario time (wall-clock time since start × time scale), stamped with the clock. One
 * thread, {@code canhbao-scenario}.
 */
public final class ScenarioAdapter implements SensorAdapter {
    public static final String NAME = "scenario";

    private final Scenario scenario;
    private final double timeScale;
    private final Duration interval;
    private final Clock clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private volatile Instant lastAccepted;
    private ScheduledExecutorService executor;
    private Instant start;

    public ScenarioAdapter(Scenario scenario, double timeScale, Duration interval, Clock clock) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.timeScale = timeScale;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(SampleSink sink) {
        if (executor != null) {
            throw new IllegalStateException("scenario adapter already started");
        }
        start = clock.instant();
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "canhbao-scenario");
                            t.setDaemon(true);
                            return t;
                        });
        executor.scheduleAtFixedRate(
                () -> tick(sink), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick(SampleSink sink) {
        Instant now = clock.instant();
        Duration t =
                Duration.ofNanos(Math.round(Duration.between(start, now).toNanos() * timeScale));
        for (SensorSeries s : scenario.sensors()) {
            double v = Math.round(s.valueAt(t) * 1000.0) / 1000.0;
            Sample sample;
            try {
                sample = new Sample(s.sensor(), s.quantity(), v, now);
            } catch (ContractViolation e) {
                rejected.incrementAndGet();
                sink.reject(AdapterRejection.of(NAME, "scenario " + s.sensor().value(), e, now));
                continue;
            }
            try {
                sink.accept(sample);
                accepted.incrementAndGet();
                lastAccepted = now;
            } catch (RuntimeException e) {
                sinkFailures.incrementAndGet();
            }
        }
    }

    @Override
    public AdapterStats stats() {
        return new AdapterStats(
                NAME,
                executor != null && !executor.isShutdown(),
                accepted.get(),
                rejected.get(),
                sinkFailures.get(),
                java.util.Optional.ofNullable(lastAccepted));
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
