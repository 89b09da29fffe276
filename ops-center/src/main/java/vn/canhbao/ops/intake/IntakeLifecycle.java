package vn.canhbao.ops.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.ops.config.OpsConfig;

/**
 * Starts the two consumers (alerts, site configuration) after start-up and stops them cleanly at
 * shutdown.
 */
@ApplicationScoped
public class IntakeLifecycle {
    private static final Logger LOG = Logger.getLogger(IntakeLifecycle.class);

    private final OpsConfig config;
    private final String bootstrapServers;
    private final AlertIntake alertIntake;
    private final SiteIntake siteIntake;
    private final IntakeMetrics metrics;
    private final List<KafkaIntakeLoop> loops = new ArrayList<>();

    public IntakeLifecycle(
            OpsConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            AlertIntake alertIntake,
            SiteIntake siteIntake,
            IntakeMetrics metrics) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.alertIntake = alertIntake;
        this.siteIntake = siteIntake;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            LOG.info("Kafka consumers disabled (canhbao.ops.consumer.enabled=false)");
            return;
        }
        OpsConfig.Consumer c = config.consumer();
        loops.add(
                new KafkaIntakeLoop(
                        KafkaTopics.SITE_CONFIG,
                        bootstrapServers,
                        c.groupId() + "-sites",
                        c.pollTimeout(),
                        c.retryBackoff(),
                        siteIntake,
                        () -> metrics.batchFailed(KafkaTopics.SITE_CONFIG)));
        loops.add(
                new KafkaIntakeLoop(
                        KafkaTopics.ALERTS,
                        bootstrapServers,
                        c.groupId(),
                        c.pollTimeout(),
                        c.retryBackoff(),
                        alertIntake,
                        () -> metrics.batchFailed(KafkaTopics.ALERTS)));
        loops.forEach(KafkaIntakeLoop::start);
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(KafkaIntakeLoop::close);
        loops.clear();
    }

    /** The running consumers, for the readiness check. */
    public List<KafkaIntakeLoop> loops() {
        return List.copyOf(loops);
    }

    public boolean enabled() {
        return config.consumer().enabled();
    }
}
