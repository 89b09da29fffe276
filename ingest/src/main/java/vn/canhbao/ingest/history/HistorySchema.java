package vn.canhbao.ingest.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * The layout of telemetry history in InfluxDB 1.x, and the statements that create it.
 *
 * <ul>
 *   <li>One measurement per quantity ({@code water_level}, {@code rain}, …), tags {@code gateway}
 *       and {@code sensor}, fields {@code value} (float) and {@code seq} (integer), time = the
 *       reading's measurement time in milliseconds. A reading written twice (Kafka redelivery)
 *       overwrites itself: same series, same time, same fields.
 *   <li>Retention policy {@value #RAW_RP} (the database default) keeps raw points for {@code
 *       rawRetention} (90 days); {@value #HOURLY_RP} keeps hourly aggregates for {@code
 *       hourlyRetention} (10 years).
 *   <li>One continuous query per quantity, {@code cq_hourly_<quantity>}, downsamples raw to hourly
 *       with fields {@code mean, min, max, count} (and {@code sum} for rain, the only additive
 *       quantity), grouped by all tags. It resamples the last {@value #RESAMPLE_FOR} every hour, so
 *       points that arrive up to a day late (an InfluxDB or writer outage) are aggregated too;
 *       older backfill needs {@link #downsample}.
 * </ul>
 */
public final class HistorySchema {
    public static final String RAW_RP = "raw";
    public static final String HOURLY_RP = "hourly";
    static final String RESAMPLE_FOR = "1d";

    private final String db;
    private final Duration rawRetention;
    private final Duration hourlyRetention;

    public HistorySchema(String database, Duration rawRetention, Duration hourlyRetention) {
        this.db = Objects.requireNonNull(database, "database");
        this.rawRetention = Objects.requireNonNull(rawRetention, "rawRetention");
        this.hourlyRetention = Objects.requireNonNull(hourlyRetention, "hourlyRetention");
    }

    public String database() {
        return db;
    }

    /** The raw point of one telemetry record. */
    public static Point point(TelemetryRecord r) {
        return Point.measurement(r.quantity().wireName())
                .time(r.time().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("gateway", r.gateway().value())
                .tag("sensor", r.sensor().value())
                .addField("value", r.value())
                .addField("seq", r.seq())
                .build();
    }

    public static String cqName(Quantity q) {
        return "cq_hourly_" + q.wireName();
    }

    /** The {@code CREATE CONTINUOUS QUERY} statement of one quantity. */
    public String createContinuousQuery(Quantity q) {
        return "CREATE CONTINUOUS QUERY \""
                + cqName(q)
                + "\" ON \""
                + db
                + "\" RESAMPLE EVERY 1h FOR "
                + RESAMPLE_FOR
                + " BEGIN "
                + downsampleSelect(q)
                + " GROUP BY time(1h), * END";
    }

    private String downsampleSelect(Quantity q) {
        String fields =
                "mean(\"value\") AS \"mean\", min(\"value\") AS \"min\", max(\"value\") AS \"max\","
                        + " count(\"value\") AS \"count\"";
        if (q == Quantity.RAIN) {
            fields += ", sum(\"value\") AS \"sum\"";
        }
        return "SELECT "
                + fields
                + " INTO \""
                + db
                + "\".\""
                + HOURLY_RP
                + "\".\""
                + q.wireName()
                + "\" FROM \""
                + db
                + "\".\""
                + RAW_RP
                + "\".\""
                + q.wireName()
                + "\"";
    }

    /** Every statement {@link #ensure} runs, in order (the CQs are dropped first if present). */
    public List<String> statements() {
        List<String> s = new ArrayList<>();
        s.add("CREATE DATABASE \"" + db + "\"");
        s.add(retentionPolicy("CREATE", RAW_RP, rawRetention) + " DEFAULT");
        s.add(retentionPolicy("CREATE", HOURLY_RP, hourlyRetention));
        for (Quantity q : Quantity.values()) {
            s.add(createContinuousQuery(q));
        }
        return s;
    }

    private String retentionPolicy(String verb, String name, Duration d) {
        return verb
                + " RETENTION POLICY \""
                + name
                + "\" ON \""
                + db
                + "\" DURATION "
                + d.toHours()
                + "h REPLICATION 1";
    }

    /**
     * Creates the database, both retention policies (altering them when they exist with other
     * durations) and the continuous queries (replacing existing ones). Idempotent.
     *
     * @throws InfluxDBException or {@code InfluxDBIOException} when InfluxDB fails or is
     *     unreachable
     */
    public void ensure(InfluxDB influx) {
        run(influx, "CREATE DATABASE \"" + db + "\"");
        ensureRetentionPolicy(influx, RAW_RP, rawRetention, true);
        ensureRetentionPolicy(influx, HOURLY_RP, hourlyRetention, false);
        List<String> existing = continuousQueries(influx);
        for (Quantity q : Quantity.values()) {
            if (existing.contains(cqName(q))) {
                run(influx, "DROP CONTINUOUS QUERY \"" + cqName(q) + "\" ON \"" + db + "\"");
            }
            run(influx, createContinuousQuery(q));
        }
    }

    private void ensureRetentionPolicy(
            InfluxDB influx, String name, Duration duration, boolean isDefault) {
        String suffix = isDefault ? " DEFAULT" : "";
        String error;
        try {
            error =
                    firstError(
                            influx.query(
                                    new Query(retentionPolicy("CREATE", name, duration) + suffix)));
        } catch (InfluxDBIOException e) {
            throw e;
        } catch (InfluxDBException e) {
            error = e.getMessage();
        }
        if (error != null) {
            // "retention policy already exists" with other settings: bring it to ours.
            run(influx, retentionPolicy("ALTER", name, duration) + suffix);
        }
    }

    /** The names of the continuous queries on this database. */
    public List<String> continuousQueries(InfluxDB influx) {
        QueryResult r = run(influx, "SHOW CONTINUOUS QUERIES");
        List<String> names = new ArrayList<>();
        for (QueryResult.Result result : r.getResults()) {
            if (result.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : result.getSeries()) {
                if (db.equals(series.getName()) && series.getValues() != null) {
                    for (List<Object> row : series.getValues()) {
                        names.add(String.valueOf(row.get(0)));
                    }
                }
            }
        }
        return names;
    }

    /**
     * Runs the continuous queries' aggregation for every whole hour in {@code [from, to)}: the tool
     * for backfill older than the continuous queries' resample window. Idempotent.
     */
    public void downsample(InfluxDB influx, Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        if (end.isBefore(to)) {
            end = end.plus(Duration.ofHours(1));
        }
        for (Quantity q : Quantity.values()) {
            run(
                    influx,
                    downsampleSelect(q)
                            + " WHERE time >= '"
                            + start
                            + "' AND time < '"
                            + end
                            + "' GROUP BY time(1h), *");
        }
    }

    static QueryResult run(InfluxDB influx, String statement) {
        QueryResult r = influx.query(new Query(statement));
        String error = firstError(r);
        if (error != null) {
            throw new InfluxDBException(error + " (statement: " + statement + ")");
        }
        return r;
    }

    private static String firstError(QueryResult r) {
        if (r.getError() != null) {
            return r.getError();
        }
        if (r.getResults() != null) {
            for (QueryResult.Result result : r.getResults()) {
                if (result.getError() != null) {
                    return result.getError();
                }
            }
        }
        return null;
    }
}
