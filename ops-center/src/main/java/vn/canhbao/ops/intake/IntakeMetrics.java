package vn.canhbao.ops.intake;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of the intake, exported at {@code /q/metrics} as {@code
 * canhbao_ops_intake_records_total}.
 */
@ApplicationScoped
public class IntakeMetrics {
    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a committed batch. */
    public void record(BatchSummary summary) {
        summary.counts()
                .forEach(
                        (outcome, n) ->
                                registry.counter(
                                                "canhbao.ops.intake.records",
                                                "topic",
                                                summary.topic(),
                                                "outcome",
                                                outcome)
                                        .increment(n));
    }

    /** Counts a batch that failed and will be retried. */
    public void batchFailed(String topic) {
        registry.counter("canhbao.ops.intake.batch.failures", "topic", topic).increment();
    }
}
