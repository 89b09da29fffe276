package vn.canhbao.ingest.history;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated configuration of the {@link HistoryWriter}. Every check names the field and the bad
 * value.
 *
 * @param kafkaBootstrapServers Kafka bootstrap list, {@code host:port[,host:port…]}
 * @param consumerGroup the Kafka consumer group; its committed offsets are the writer's progress
 *     (default {@value #DEFAULT_CONSUMER_GROUP})
 * @param influxUrl InfluxDB's HTTP API, {@code http://host:port}
 * @param database the InfluxDB database, created at start (default {@value #DEFAULT_DATABASE})
 * @param rawRetention how long raw readings are kept: the duration of the default retention policy
 *     {@value HistorySchema#RAW_RP} (default 90 days)
 * @param hourlyRetention how long hourly aggregates are kept: the duration of {@value
 *     HistorySchema#HOURLY_RP} (default 3650 days); longer than {@code rawRetention}
 * @param maxBatchPoints the most records taken from Kafka per poll, hence per InfluxDB write
 *     (default {@value #DEFAULT_MAX_BATCH_POINTS})
 * @param maxRetryBackoff the longest pause between two attempts while InfluxDB fails (the pause
 *     doubles from 250 ms up to this; default 5 s)
 * @param influxTimeout connect and read timeout of one InfluxDB request (default 10 s)
 */
public record HistoryConfig(
        String kafkaBootstrapServers,
        String consumerGroup,
        String influxUrl,
        String database,
        Duration rawRetention,
        Duration hourlyRetention,
        int maxBatchPoints,
        Duration maxRetryBackoff,
        Duration influxTimeout) {

    public static final String DEFAULT_CONSUMER_GROUP = "history-influx";
    public static final String DEFAULT_DATABASE = "canhbao";
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_HOURLY_RETENTION = Duration.ofDays(3650);
    public static final int DEFAULT_MAX_BATCH_POINTS = 5000;
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INFLUX_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public HistoryConfig {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(influxUrl, "influxUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(rawRetention, "rawRetention");
        Objects.requireNonNull(hourlyRetention, "hourlyRetention");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        Objects.requireNonNull(influxTimeout, "influxTimeout");
        require(
                kafkaBootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
                "kafkaBootstrapServers",
                kafkaBootstrapServers,
                "expected host:port[,host:port...]");
        require(
                NAME.matcher(consumerGroup).matches(),
                "consumerGroup",
                consumerGroup,
                "expected 1-63 of [a-z0-9_-]");
        require(validHttpUrl(influxUrl), "influxUrl", influxUrl, "expected http(s)://host:port");
        require(
                NAME.matcher(database).matches() && !database.contains("-"),
                "database",
                database,
                "expected 1-63 of [a-z0-9_]");
        require(
                wholeHours(rawRetention) && rawRetention.toHours() >= 1,
                "rawRetention",
                rawRetention,
                "expected a whole number of hours, at least 1");
        require(
                wholeHours(hourlyRetention) && hourlyRetention.compareTo(rawRetention) > 0,
                "hourlyRetention",
                hourlyRetention,
                "expected a whole number of hours, longer than rawRetention " + rawRetention);
        require(
                maxBatchPoints >= 1 && maxBatchPoints <= 100_000,
                "maxBatchPoints",
                maxBatchPoints,
                "expected 1..100000");
        require(
                maxRetryBackoff.toMillis() >= 250 && maxRetryBackoff.toMinutes() <= 10,
                "maxRetryBackoff",
                maxRetryBackoff,
                "expected 250 ms..10 min");
        require(
                influxTimeout.toMillis() >= 100 && influxTimeout.toMinutes() <= 5,
                "influxTimeout",
                influxTimeout,
                "expected 100 ms..5 min");
    }

    /** The defaults for everything but the two addresses. */
    public static HistoryConfig of(String kafkaBootstrapServers, String influxUrl) {
        return new HistoryConfig(
                kafkaBootstrapServers,
                DEFAULT_CONSUMER_GROUP,
                influxUrl,
                DEFAULT_DATABASE,
                DEFAULT_RAW_RETENTION,
                DEFAULT_HOURLY_RETENTION,
                DEFAULT_MAX_BATCH_POINTS,
                DEFAULT_MAX_RETRY_BACKOFF,
                DEFAULT_INFLUX_TIMEOUT);
    }

    public HistoryConfig withConsumerGroup(String group) {
        return new HistoryConfig(
                kafkaBootstrapServers,
                group,
                influxUrl,
                database,
                rawRetention,
                hourlyRetention,
                maxBatchPoints,
                maxRetryBackoff,
                influxTimeout);
    }

    public HistoryConfig withDatabase(String db) {
        return new HistoryConfig(
                kafkaBootstrapServers,
                consumerGroup,
                influxUrl,
                db,
                rawRetention,
                hourlyRetention,
                maxBatchPoints,
                maxRetryBackoff,
                influxTimeout);
    }

    public HistoryConfig withMaxBatchPoints(int max) {
        return new HistoryConfig(
                kafkaBootstrapServers,
                consumerGroup,
                influxUrl,
                database,
                rawRetention,
                hourlyRetention,
                max,
                maxRetryBackoff,
                influxTimeout);
    }

    public HistoryConfig withMaxRetryBackoff(Duration backoff) {
        return new HistoryConfig(
                kafkaBootstrapServers,
                consumerGroup,
                influxUrl,
                database,
                rawRetention,
                hourlyRetention,
                maxBatchPoints,
                backoff,
                influxTimeout);
    }

    private static boolean wholeHours(Duration d) {
        return !d.isNegative() && d.toSeconds() % 3600 == 0 && d.toNanosPart() == 0;
    }

    private static boolean validHttpUrl(String url) {
        try {
            URI u = new URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null
                    && u.getPort() > 0;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "HistoryConfig." + field + " = '" + value + "': " + expected);
        }
    }
}
