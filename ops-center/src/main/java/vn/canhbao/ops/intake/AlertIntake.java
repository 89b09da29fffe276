package vn.canhbao.ops.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.ops.alerts.AlertStore;
import vn.canhbao.ops.alerts.AlertView;
import vn.canhbao.ops.alerts.ApplyOutcome;
import vn.canhbao.ops.alerts.StoreException;
import vn.canhbao.ops.live.LiveFeed;

/**
 * Applies {@code cb.alerts.v1} records to the alert store.
 *
 * <p>Each batch is one database transaction. Only after it commits are rejections logged, the
 * outcomes counted and the changed alerts pushed to the live feed; so a batch that fails and is
 * retried is neither logged nor counted twice. Idempotent by (alertId, revision): see {@link
 * AlertStore}.
 */
@ApplicationScoped
public class AlertIntake implements BatchApplier {
    private static final Logger LOG = Logger.getLogger(AlertIntake.class);

    private final AgroalDataSource dataSource;
    private final AlertStore alerts;
    private final RejectedEventStore rejected;
    private final LiveFeed feed;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public AlertIntake(
            AgroalDataSource dataSource,
            AlertStore alerts,
            RejectedEventStore rejected,
            LiveFeed feed,
            IntakeMetrics metrics,
            Clock clock) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.rejected = rejected;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws StoreException when the database fails; nothing of the batch is then stored
     */
    @Override
    public BatchSummary apply(List<IncomingRecord> batch) {
        Result result = QuarkusTransaction.requiringNew().call(() -> applyInTransaction(batch));
        result.rejections().forEach(r -> LOG.warnf("Rejected alert record %s", r.describe()));
        BatchSummary summary = new BatchSummary(KafkaTopics.ALERTS, result.counts());
        metrics.record(summary);
        result.changed().forEach(feed::publishAlert);
        return summary;
    }

    private Result applyInTransaction(List<IncomingRecord> batch) {
        Instant now = clock.instant();
        Map<String, Integer> counts = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> changedIds = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection()) {
            for (IncomingRecord record : batch) {
                AlertEvent event;
                try {
                    event = decode(record);
                } catch (RuntimeException e) {
                    ContractViolation why = Rejection.asViolation(e);
                    rejected.store(c, record, why, now);
                    rejections.add(new Rejection(record, why));
                    counts.merge("rejected", 1, Integer::sum);
                    continue;
                }
                ApplyOutcome outcome = alerts.apply(c, event, record, now);
                counts.merge(outcome.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                if (outcome == ApplyOutcome.APPLIED) {
                    changedIds.add(event.alertId());
                }
            }
            List<AlertView> changed = new ArrayList<>();
            for (String id : changedIds) {
                alerts.find(c, id).ifPresent(changed::add);
            }
            return new Result(counts, rejections, changed);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot apply a batch of " + batch.size() + " alert records", e);
        }
    }

    static AlertEvent decode(IncomingRecord record) {
        AlertEvent event = AlertEvent.CODEC.decode(record.value());
        if (record.key().isPresent() && !record.key().get().equals(event.alertId())) {
            throw new ContractViolation(
                    "key",
                    record.key().get(),
                    "expected the record key to be alertId " + event.alertId());
        }
        return event;
    }

    private record Result(
            Map<String, Integer> counts, List<Rejection> rejections, List<AlertView> changed) {}
}
