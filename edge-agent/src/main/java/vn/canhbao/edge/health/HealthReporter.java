package vn.canhbao.edge.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.link.ControlLink;

/**
 * Publishes a {@link Heartbeat} every interval on {@code cb/v1/gw/{gw}/health} (QoS 1, not
 * retained). While the link is down heartbeats are skipped and counted, not queued: an old
 * heartbeat is worth nothing, and the journal depth in the next one tells the story. One thread,
 * {@code canhbao-health}; {@link #close()} stops it.
 */
public final class HealthReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final GatewayId gateway;
    private final ControlLink link;
    private final Supplier<Heartbeat> source;
    private final Duration interval;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "canhbao-health");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public HealthReporter(
            GatewayId gateway, ControlLink link, Supplier<Heartbeat> source, Duration interval) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.link = Objects.requireNonNull(link, "link");
        this.source = Objects.requireNonNull(source, "source");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    public void start() {
        executor.scheduleWithFixedDelay(
                this::publishOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Builds and publishes one heartbeat now; returns whether it went out. */
    public boolean publishOnce() {
        try {
            byte[] json = source.get().toJson();
            link.publish(MqttTopics.health(gateway), json, false);
            published.incrementAndGet();
            return true;
        } catch (ControlLink.LinkDown e) {
            skipped.incrementAndGet();
            return false;
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            LOG.error("{}: heartbeat failed", gateway, e);
            return false;
        }
    }

    public long published() {
        return published.get();
    }

    public long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
