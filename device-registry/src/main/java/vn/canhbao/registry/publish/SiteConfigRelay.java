package vn.canhbao.registry.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.db.RegistryStorageException;
import vn.canhbao.registry.site.SiteRepository;

/**
 * The outbox relay: publishes the configuration of every site whose {@code version} is above its
 * {@code published_version}, then records the acknowledged version. It runs at start, every {@code
 * canhbao.registry.publish.interval}, and at once after each committed change.
 *
 * <p>Guarantees: at-least-once delivery of the latest version of every site, surviving Kafka
 * outages and registry restarts (the database is the outbox). One thread does all publishing and
 * reads each configuration just before sending it, so the versions of one site reach the topic in
 * increasing order and the compacted topic ends with the newest. A version may be published more
 * than once; consumers ignore a version they already hold. Assumes one registry instance.
 */
@ApplicationScoped
public class SiteConfigRelay {
    private static final Logger LOG = Logger.getLogger(SiteConfigRelay.class);

    private final Jdbc jdbc;
    private final SiteRepository sites;
    private final SiteConfigReader reader;
    private final KafkaSiteConfigSink sink;
    private final RegistryConfig config;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "site-config-relay");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter published;
    private final Counter failures;
    private volatile boolean failing;

    public SiteConfigRelay(
            Jdbc jdbc,
            SiteRepository sites,
            SiteConfigReader reader,
            KafkaSiteConfigSink sink,
            RegistryConfig config,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.reader = reader;
        this.sink = sink;
        this.config = config;
        this.published = meters.counter("canhbao.registry.site.config.published");
        this.failures = meters.counter("canhbao.registry.site.config.publish.failures");
        meters.gauge("canhbao.registry.site.config.unpublished", pending);
    }

    void onStart(@Observes StartupEvent event) {
        long every = config.publish().interval().toMillis();
        executor.scheduleWithFixedDelay(this::pass, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a pass soon, after a committed change. Cheap; coalesces repeated calls. */
    public void wakeUp() {
        if (passQueued.compareAndSet(false, true)) {
            try {
                executor.execute(
                        () -> {
                            passQueued.set(false);
                            pass();
                        });
            } catch (RejectedExecutionException e) {
                // Shutting down: the change stays in the outbox and is published after the restart.
                passQueued.set(false);
                LOG.debugf("relay stopped; change left in the outbox: %s", e.getMessage());
            }
        }
    }

    /**
     * One pass over the outbox; stops at the first failure and leaves the rest for the next pass.
     */
    void pass() {
        try {
            List<SiteId> outbox = jdbc.inTransaction(sites::unpublished);
            pending.set(outbox.size());
            sink.ensureTopic();
            for (SiteId id : outbox) {
                Optional<SiteConfig> site = reader.load(id);
                if (site.isPresent()) {
                    sink.publish(site.get());
                    long version = site.get().version();
                    jdbc.inTransaction(
                            c -> {
                                sites.markPublished(c, id, version);
                                return null;
                            });
                    published.increment();
                    pending.decrementAndGet();
                    LOG.debugf("published site config %s version %d", id, version);
                }
            }
            if (failing) {
                failing = false;
                LOG.infof("site config publishing recovered; outbox empty");
            }
        } catch (SiteConfigPublishException | RegistryStorageException e) {
            failures.increment();
            if (!failing) {
                failing = true;
                LOG.warnf(
                        e,
                        "site config publishing failed; %d site(s) wait in the outbox, retrying every %s",
                        pending.get(),
                        config.publish().interval());
            } else {
                LOG.debugf("site config publishing still failing: %s", e.getMessage());
            }
        } catch (RuntimeException e) {
            // Caught so that the schedule survives: an escaping exception would cancel it.
            failures.increment();
            LOG.errorf(e, "unexpected failure of a site config publishing pass");
        }
    }
}
