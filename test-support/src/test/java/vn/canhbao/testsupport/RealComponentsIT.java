package vn.canhbao.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealComponentsIT {
    @TempDir Path dir;

    @Test
    void kafkaKeepsRecordsAcrossARestart() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
            kafka.createTopic("t", 2, false);
            produce(kafka, "before");
            kafka.restart();
            produce(kafka, "after");

            assertThat(consumeAll(kafka, 2)).containsExactlyInAnyOrder("before", "after");
        }
    }

    @Test
    void postgresCreatesADatabaseAndKeepsDataAcrossARestart() throws Exception {
        Path pgDir = dir.resolve("pg");
        try (PostgresServer pg = PostgresServer.start(pgDir)) {
            pg.createDatabase("things");
            try (Connection c =
                            DriverManager.getConnection(
                                    pg.jdbcUrl("things"), pg.user(), pg.password());
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (v text); INSERT INTO t VALUES ('kept')");
            }
        }
        try (PostgresServer pg = PostgresServer.start(pgDir);
                Connection c =
                        DriverManager.getConnection(
                                pg.jdbcUrl("things"), pg.user(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void mosquittoComesBackOnTheSamePortAfterRestart() throws Exception {
        try (MosquittoBroker mqtt = MosquittoBroker.start(dir.resolve("mqtt"))) {
            int port = mqtt.port();
            assertThat(mqtt.isRunning()).isTrue();
            mqtt.restart();
            assertThat(mqtt.isRunning()).isTrue();
            assertThat(mqtt.port()).isEqualTo(port);
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    void influxdbAnswersPingAndWritesAPoint() throws Exception {
        try (InfluxServer influx = InfluxServer.start(dir.resolve("influx"))) {
            var http = java.net.http.HttpClient.newHttpClient();
            var ping =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(influx.url() + "/ping"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(ping.statusCode()).isEqualTo(204);
            var create =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(influx.url() + "/query"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "q=CREATE%20DATABASE%20cb"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(create.statusCode()).isEqualTo(200);
            var write =
                    http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(influx.url() + "/write?db=cb"))
                                    .POST(
                                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "water_level,sensor=wl-1 value=2.5"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(204);
        }
    }

    private static void produce(KafkaBroker kafka, String value) throws Exception {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG, "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>("t", value, value)).get();
        }
    }

    private static List<String> consumeAll(KafkaBroker kafka, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG, "it",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            c.subscribe(List.of("t"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
