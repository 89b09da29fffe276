package vn.canhbao.ops.intake;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when both consumer threads run. A failing batch (database down) is reported in the data but
 * does not make the service unready by itself: the datasource check covers the database.
 */
@Readiness
@ApplicationScoped
public class IntakeReadiness implements HealthCheck {
    private final IntakeLifecycle lifecycle;

    public IntakeReadiness(IntakeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("kafka-intake");
        if (!lifecycle.enabled()) {
            return b.up().withData("enabled", false).build();
        }
        boolean up = !lifecycle.loops().isEmpty();
        for (KafkaIntakeLoop loop : lifecycle.loops()) {
            up &= loop.running();
            b.withData(loop.topic() + ".running", loop.running());
            b.withData(loop.topic() + ".failing", loop.failing());
            b.withData(loop.topic() + ".lastPollAt", loop.lastPollAt().toString());
        }
        return b.status(up).build();
    }
}
