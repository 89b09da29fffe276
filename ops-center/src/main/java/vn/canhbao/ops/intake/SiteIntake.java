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
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.ops.alerts.StoreException;
import vn.canhbao.ops.live.LiveFeed;
import vn.canhbao.ops.sites.SiteStore;

/**
 * Applies {@code cb.site-config.v1} records to the sites table: a newer version wins, a tombstone
 * deletes. One database transaction per batch; logging, counting and the live "sites" event happen
 * after it commits.
 */
@ApplicationScoped
public class SiteIntake implements BatchApplier {
    private static final Logger LOG = Logger.getLogger(SiteIntake.class);

    private final AgroalDataSource dataSource;
    private final SiteStore sites;
    private final RejectedEventStore rejected;
    private final LiveFeed feed;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public SiteIntake(
            AgroalDataSource dataSource,
            SiteStore sites,
            RejectedEventStore rejected,
            LiveFeed feed,
            IntakeMetrics metrics,
            Clock clock) {
        this.dataSource = dataSource;
        this.sites = sites;
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
        Map<String, Integer> counts = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> applyInTransaction(batch, counts, rejections));
        rejections.forEach(r -> LOG.warnf("Rejected site-config record %s", r.describe()));
        BatchSummary summary = new BatchSummary(KafkaTopics.SITE_CONFIG, counts);
        metrics.record(summary);
        if (summary.count("applied") + summary.count("deleted") > 0) {
            feed.publishSitesChanged();
        }
        return summary;
    }

    private void applyInTransaction(
            List<IncomingRecord> batch, Map<String, Integer> counts, List<Rejection> rejections) {
        counts.clear();
        rejections.clear();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            for (IncomingRecord record : batch) {
                try {
                    if (record.tombstone()) {
                        SiteId site =
                                SiteId.of(
                                        record.key()
                                                .orElseThrow(
                                                        () ->
                                                                new ContractViolation(
                                                                        "key",
                                                                        null,
                                                                        "a tombstone needs the site id as key")));
                        counts.merge(sites.delete(c, site) ? "deleted" : "stale", 1, Integer::sum);
                        continue;
                    }
                    SiteConfig config = decode(record);
                    counts.merge(sites.apply(c, config) ? "applied" : "stale", 1, Integer::sum);
                } catch (RuntimeException e) {
                    ContractViolation why = Rejection.asViolation(e);
                    rejected.store(c, record, why, now);
                    rejections.add(new Rejection(record, why));
                    counts.merge("rejected", 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot apply a batch of " + batch.size() + " site-config records", e);
        }
    }

    static SiteConfig decode(IncomingRecord record) {
        SiteConfig config = SiteConfig.CODEC.decode(record.value());
        if (record.key().isPresent() && !record.key().get().equals(config.site().value())) {
            throw new ContractViolation(
                    "key",
                    record.key().get(),
                    "expected the record key to be site " + config.site());
        }
        return config;
    }
}
