package vn.canhbao.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.testsupport.InfluxServer;
import vn.canhbao.testsupport.KafkaBroker;

/** The history writer between a real Kafka and a real InfluxDB 1.x, with an InfluxDB outage. */
class HistoryWriterIT {
    private static final GatewayId GW = GatewayId.of("gw-nam-cang");
    private static final SensorId WL = SensorId.of("wl-nam-cang");
    private static final SensorId RG = SensorId.of("rg-nam-cang");

    /** Recent, so the points are inside the raw retention and the CQ window. */
    private static final Instant T0 =
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minusSeconds(6 * 3600);

    @TempDir Path dir;

    private KafkaBroker kafka;
    private InfluxServer influxServer;
    private KafkaProducer<String, byte[]> producer;
    private InfluxDB influx;
    private HistoryConfig config;
    private long seq;

    @BeforeEach
    void start() {
        assumeTrue(InfluxServer.available(), "influxd is not installed");
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.TELEMETRY, 3, false);
        influxServer = InfluxServer.start(dir.resolve("influx"));
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                StringSerializer.class.getName(),
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class.getName()));
        config =
                HistoryConfig.of(kafka.bootstrapServers(), influxServer.url())
                        .withMaxBatchPoints(100)
                        .withMaxRetryBackoff(Duration.ofMillis(500));
        influx = HistoryWriter.connect(config);
    }

    @AfterEach
    void stop() {
        if (influx != null) {
            influx.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (influxServer != null) {
            influxServer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyReadingProducedDuringAnInfluxOutageIsInHistoryExactlyOnceAfterItReturns()
            throws Exception {
        try (HistoryWriter writer = new HistoryWriter(config)) {
            writer.start();
            // given: 300 readings per sensor written while InfluxDB is up
            produce(300);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("water_level", WL) == 300 && count("rain", RG) == 300);

            // when: InfluxDB is down while 500 more readings per sensor arrive
            influxServer.stop();
            produce(500);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> writer.metrics().snapshot().writeFailures() >= 3);
            long committedBefore = writer.metrics().snapshot().commits();
            Thread.sleep(1500); // the outage lasts: still failing, still nothing committed
            assertThat(writer.metrics().snapshot().commits()).isEqualTo(committedBefore);
            assertThat(writer.isRunning()).isTrue();
            influxServer.restart();

            // then: every reading is there, once
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("water_level", WL) == 800 && count("rain", RG) == 800);
            assertThat(sum("rain", RG)).isEqualTo(expectedRainSum(800));
        }
        // and a restarted writer (same group) neither loses nor duplicates anything
        produce(50);
        try (HistoryWriter writer = new HistoryWriter(config)) {
            assertThat(writer.isRunning()).isFalse();
            writer.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count("water_level", WL) == 850 && count("rain", RG) == 850);
        }
        assertThat(count("water_level", WL)).isEqualTo(850);
    }

    @Test
    void theRetentionPoliciesAndContinuousQueriesExistAndTheDownsamplingAggregatesHourly() {
        try (HistoryWriter writer = new HistoryWriter(config)) {
            writer.start();
            produce(120); // one reading a minute: two hours
            await().atMost(Duration.ofSeconds(60)).until(() -> count("rain", RG) == 120);

            QueryResult rps = query("SHOW RETENTION POLICIES ON \"canhbao\"");
            List<List<Object>> rows = rps.getResults().get(0).getSeries().get(0).getValues();
            assertThat(rows)
                    .anySatisfy(
                            r -> {
                                assertThat(r.get(0)).isEqualTo("raw");
                                assertThat(r.get(1)).isEqualTo("2160h0m0s");
                                assertThat(r.get(4)).isEqualTo(true);
                            })
                    .anySatisfy(
                            r -> {
                                assertThat(r.get(0)).isEqualTo("hourly");
                                assertThat(r.get(1)).isEqualTo("87600h0m0s");
                                assertThat(r.get(4)).isEqualTo(false);
                            });
            assertThat(writer.schema().continuousQueries(influx))
                    .contains("cq_hourly_rain", "cq_hourly_water_level");

            // when: the CQs' aggregation runs over the two hours (what the CQ does every hour)
            writer.schema().downsample(influx, T0, T0.plusSeconds(2 * 3600));

            // then: per hour, 60 readings, sum of rain and min/max/mean of water level
            QueryResult rain =
                    query(
                            "SELECT \"sum\", \"count\" FROM \"canhbao\".\"hourly\".\"rain\""
                                    + " WHERE sensor = 'rg-nam-cang'");
            List<List<Object>> hours = rain.getResults().get(0).getSeries().get(0).getValues();
            assertThat(hours).hasSize(2);
            assertThat(((Number) hours.get(0).get(1)).doubleValue() + 0)
                    .isEqualTo(expectedRainSum(60));
            assertThat(((Number) hours.get(0).get(2)).longValue()).isEqualTo(60);
            QueryResult wl =
                    query(
                            "SELECT \"min\", \"max\", \"count\" FROM"
                                    + " \"canhbao\".\"hourly\".\"water_level\"");
            List<Object> first = wl.getResults().get(0).getSeries().get(0).getValues().get(0);
            assertThat(((Number) first.get(1)).doubleValue()).isEqualTo(1.0);
            assertThat(((Number) first.get(2)).doubleValue())
                    .isEqualTo(1.0 + 59 * 0.01, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(((Number) first.get(3)).longValue()).isEqualTo(60);
        }
    }

    /** Reading i of each sensor: time T0 + i minutes, water level 1 + i/100 m, rain i % 5 mm. */
    private void produce(int n) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long i = seq++;
            Instant t = T0.plusSeconds(60 * i);
            sent.add(send(new Reading(GW, WL, Quantity.WATER_LEVEL, 1 + i / 100.0, t, 2 * i)));
            sent.add(send(new Reading(GW, RG, Quantity.RAIN, i % 5, t, 2 * i + 1)));
        }
        producer.flush();
        for (var f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new AssertionError("produce failed", e);
            }
        }
    }

    private java.util.concurrent.Future<?> send(Reading r) {
        return producer.send(
                new ProducerRecord<>(
                        KafkaTopics.TELEMETRY,
                        r.gateway().value(),
                        TelemetryPack.CODEC.encode(
                                TelemetryPack.of(r.gateway(), Instant.now(), List.of(r)))));
    }

    private static double expectedRainSum(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += i % 5;
        }
        return s;
    }

    private long count(String measurement, SensorId sensor) {
        try {
            QueryResult r =
                    query(
                            "SELECT count(\"value\") FROM \"canhbao\".\"raw\".\""
                                    + measurement
                                    + "\" WHERE sensor = '"
                                    + sensor.value()
                                    + "'");
            var series = r.getResults().get(0).getSeries();
            return series == null
                    ? 0
                    : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
        } catch (RuntimeException e) {
            return -1; // InfluxDB down or the database not created yet
        }
    }

    private double sum(String measurement, SensorId sensor) {
        QueryResult r =
                query(
                        "SELECT sum(\"value\") FROM \"canhbao\".\"raw\".\""
                                + measurement
                                + "\" WHERE sensor = '"
                                + sensor.value()
                                + "'");
        return ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
                .doubleValue();
    }

    private QueryResult query(String q) {
        QueryResult r = influx.query(new Query(q));
        if (r.getError() != null || r.getResults().get(0).getError() != null) {
            throw new IllegalStateException(q + ": " + r);
        }
        return r;
    }
}
