package vn.canhbao.edge.adapter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping every adapter shares: hands samples to the sink, refuses bad input through the
 * sink and counts both. Thread-safe.
 */
public final class AdapterCounters {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterCounters.class);

    private final String adapter;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong sinkFailures = new AtomicLong();
    private final AtomicReference<Instant> lastAccepted = new AtomicReference<>();

    public AdapterCounters(String adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
    }

    /**
     * Hands every sample to the sink in order.
     *
     * @return true when the sink took all of them; false when it threw (counted and logged; the
     *     caller tells the sensor to retry, so samples before the failure may arrive twice)
     */
    public boolean deliver(SampleSink sink, List<Sample> samples, Instant now) {
        for (Sample s : samples) {
            try {
                sink.accept(s);
            } catch (RuntimeException e) {
                sinkFailures.incrementAndGet();
                LOG.warn(
                        "{}: the agent did not take a sample of {}: {}",
                        adapter,
                        s.sensor(),
                        e.toString());
                return false;
            }
            accepted.incrementAndGet();
            lastAccepted.set(now);
        }
        if (!sink.commit()) {
            sinkFailures.incrementAndGet();
            LOG.warn("{}: the agent could not make {} samples durable", adapter, samples.size());
            return false;
        }
        return true;
    }

    /** Counts the rejection and passes it to the sink. Never throws. */
    public void reject(SampleSink sink, AdapterRejection rejection) {
        rejected.incrementAndGet();
        LOG.debug(
                "{}: refused input from {}: {}",
                adapter,
                rejection.source(),
                rejection.diagnostic());
        try {
            sink.reject(rejection);
        } catch (RuntimeException e) {
            LOG.warn("{}: the sink failed to record a rejection: {}", adapter, e.toString());
        }
    }

    public AdapterStats snapshot(boolean up) {
        return new AdapterStats(
                adapter,
                up,
                accepted.get(),
                rejected.get(),
                sinkFailures.get(),
                java.util.Optional.ofNullable(lastAccepted.get()));
    }
}
