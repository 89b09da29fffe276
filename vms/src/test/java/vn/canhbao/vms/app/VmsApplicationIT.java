package vn.canhbao.vms.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.hamcrest.Matchers.containsString;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.GeoPoint;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.PostgresServer;
import vn.canhbao.vms.camera.SimulatedCamera;

/**
 * The packaged service, started the way the local runner starts it ({@code java -jar
 * quarkus-run.jar} with system properties) against real PostgreSQL and Kafka: it records its
 * simulated camera in 5 s segments, indexes them, and answers clip searches for an alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmsApplicationIT {
    private static final SiteId NAM_CANG = SiteId.of("nam-cang");
    private static final GeoPoint NAM_CANG_SITE = new GeoPoint(22.2519, 103.9806);

    private Path dir;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private Process vms;
    private Path log;
    private Instant startedAt;

    @BeforeAll
    void startEverything() throws IOException {
        dir = Files.createTempDirectory("vms-it");
        postgres = PostgresServer.start(dir.resolve("pg"));
        postgres.createDatabase("vms");
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.ALERTS, 1, false);
        kafka.createTopic(KafkaTopics.SITE_CONFIG, 1, true);
        int port = FreePorts.next();
        log = dir.resolve("vms.log");
        startedAt = Instant.now();
        vms =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Djava.awt.headless=true",
                                "-Dquarkus.http.port=" + port,
                                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl("vms"),
                                "-Dquarkus.datasource.username=" + postgres.user(),
                                "-Dquarkus.datasource.password=" + postgres.password(),
                                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                                "-Dcanhbao.vms.storage-dir=" + dir.resolve("storage"),
                                "-Dcanhbao.vms.segment-duration=5s",
                                "-jar",
                                Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        RestAssured.port = port;
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsMatching(e -> e instanceof java.net.ConnectException)
                .until(
                        () -> {
                            assertThat(vms.isAlive()).as("vms process alive, see %s", log).isTrue();
                            return given().get("/q/health/ready").statusCode() == 200;
                        });
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        if (vms != null && !vms.isAlive()) {
            try {
                List<String> lines = Files.readAllLines(log);
                System.err.println(
                        "vms exited early with "
                                + vms.exitValue()
                                + "; its last lines:\n"
                                + String.join(
                                        "\n",
                                        lines.subList(
                                                Math.max(0, lines.size() - 40), lines.size())));
            } catch (IOException e) {
                System.err.println("vms exited early; cannot read " + log + ": " + e.getMessage());
            }
        }
        if (vms != null && vms.isAlive()) {
            vms.destroy();
            if (!vms.waitFor(30, TimeUnit.SECONDS)) {
                vms.destroyForcibly();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dir != null) {
            try {
                Files.copy(
                        log,
                        Path.of("target", "vms-application-it.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                System.err.println("could not keep " + log + ": " + e.getMessage());
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    @Test
    @Order(1)
    void recordsTheSimulatedCameraIntoIndexedSegmentsWithoutTranscoding() throws Exception {
        // given the service has been recording its simulated camera for ~25 s (5 s segments)
        String sourceCodec =
                avcodec_get_name(avcodec_find_encoder_by_name(SimulatedCamera.chooseEncoder()).id())
                        .getString();
        List<Map<String, Object>> clips = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            clips.clear();
                            clips.addAll(clipsNear(new GeoPoint(22.2525, 103.9810), 1));
                            return clips.size() >= 3;
                        });

        // then each segment is a playable MP4 of the source's codec, served by the media URL
        assertThat(clips)
                .allSatisfy(
                        c -> {
                            assertThat(c.get("camera")).isEqualTo("cam-nam-cang");
                            assertThat(c.get("codec")).isEqualTo(sourceCodec);
                            assertThat(c.get("width")).isEqualTo(320);
                        });
        assertThat(clips.get(0).get("hasGapBefore")).isEqualTo(true);
        for (Map<String, Object> clip : clips) {
            byte[] mp4 =
                    given().get((String) clip.get("mediaUrl"))
                            .then()
                            .statusCode(200)
                            .contentType("video/mp4")
                            .extract()
                            .asByteArray();
            assertThat(mp4.length).isEqualTo(((Number) clip.get("bytes")).intValue());
            Path file = dir.resolve("download-" + clip.get("segmentId") + ".mp4");
            Files.write(file, mp4);
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.start();
                assertThat(avcodec_get_name(g.getVideoCodec()).getString()).isEqualTo(sourceCodec);
                int frames = 0;
                Frame f;
                while ((f = g.grabImage()) != null) {
                    if (f.image != null) {
                        frames++;
                    }
                }
                assertThat(frames).as("frames in segment %s", clip.get("segmentId")).isPositive();
            }
        }
    }

    @Test
    @Order(2)
    void returnsTheSegmentsNearAnAlertsSiteAndNotThoseOfAFarCamera() throws Exception {
        // given a camera 50 km north of the site with a segment in the same time (indexed directly)
        double fiftyKmNorth = NAM_CANG_SITE.lat() + 50.0 / 111.195;
        given().contentType("application/json")
                .body(
                        Map.of(
                                "id",
                                "cam-far",
                                "name",
                                "Camera xa / far camera",
                                "lat",
                                fiftyKmNorth,
                                "lon",
                                NAM_CANG_SITE.lon()))
                .post("/api/v1/cameras")
                .then()
                .statusCode(201);
        indexFakeSegment("cam-far", Instant.now().minusSeconds(20), Instant.now().minusSeconds(10));

        // and the site's configuration and an alert for it on Kafka
        Instant episodeStart = Instant.now().minusSeconds(30);
        AlertEvent alert =
                new AlertEvent(
                        AlertEvent.idFor(NAM_CANG, Hazard.FLOOD, "flood.stage", episodeStart),
                        0,
                        NAM_CANG,
                        Hazard.FLOOD,
                        "flood.stage",
                        "1",
                        episodeStart,
                        RiskLevel.of(2),
                        AlertState.RAISED,
                        episodeStart,
                        Instant.now(),
                        List.of(),
                        true);
        SiteConfig site =
                new SiteConfig(
                        NAM_CANG,
                        1,
                        "Suối Nậm Cang",
                        "Xã Nậm Cang",
                        "Lào Cai",
                        NAM_CANG_SITE,
                        List.of(),
                        Optional.empty(),
                        Instant.now());
        try (KafkaProducer<String, byte[]> producer = producer()) {
            byte[] garbage =
                    "{\"alertId\":\"al-1\",\"revision\":-1}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(KafkaTopics.ALERTS, "al-1", garbage)).get();
            producer.send(
                            new ProducerRecord<>(
                                    KafkaTopics.SITE_CONFIG,
                                    NAM_CANG.value(),
                                    SiteConfig.CODEC.encode(site)))
                    .get();
            producer.send(
                            new ProducerRecord<>(
                                    KafkaTopics.ALERTS,
                                    alert.alertId(),
                                    AlertEvent.CODEC.encode(alert)))
                    .get();
        }

        // when the clips of the alert are asked for
        String path =
                "/api/v1/alerts/"
                        + alert.alertId()
                        + "/clips?radiusKm=5&beforeMinutes=10&afterMinutes=10";
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(path).statusCode() == 200);
        JsonPath answer = given().get(path).then().statusCode(200).extract().jsonPath();

        // then the nearby camera's segments are there and the far camera's are not
        List<String> cameras = answer.getList("clips.camera");
        assertThat(cameras).isNotEmpty().contains("cam-nam-cang").doesNotContain("cam-far");
        assertThat(answer.getString("site")).isEqualTo("nam-cang");
        assertThat(answer.getList("clips.mediaUrl", String.class))
                .allSatisfy(
                        u -> assertThat(u).matches("http://[^/]+:\\d+/api/v1/segments/\\d+/media"));

        // and with a 100 km radius the far camera's segment would match, so the filter is spatial
        List<String> wide =
                given().get("/api/v1/alerts/" + alert.alertId() + "/clips?radiusKm=100")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("clips.camera");
        assertThat(wide).contains("cam-nam-cang", "cam-far");

        // and the undecodable record before the alert was set aside with its reason, not blocking
        // it
        assertThat(queryLong("SELECT count(*) FROM rejected_record WHERE topic = 'cb.alerts.v1'"))
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void completesAndIndexesTheOpenSegmentOnShutdown() throws Exception {
        // when the service is stopped (SIGTERM)
        vms.destroy();
        assertThat(vms.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // then every file on disk is complete and indexed, none is left half-written
        Path cameraDir = dir.resolve("storage").resolve("cam-nam-cang");
        List<Path> files;
        try (var walk = Files.walk(cameraDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).noneMatch(f -> f.toString().endsWith(".part"));
        assertThat(queryLong("SELECT count(*) FROM segment WHERE camera_id = 'cam-nam-cang'"))
                .isEqualTo(files.size());
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                postgres.jdbcUrl("vms"), postgres.user(), postgres.password());
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(3)
    void answersProblemsForUnknownAlertsAndBadInput() {
        given().get("/api/v1/alerts/al-00000000000000000000/clips")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(404))
                .body("detail", containsString("al-00000000000000000000"));
        given().get("/api/v1/clips?lat=22.25&lon=103.98&from=yesterday&to=2026-11-22T01:00:00Z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("from"))
                .body("detail", containsString("yesterday"));
        given().contentType("application/json")
                .body(Map.of("id", "Bad Id!", "name", "x", "lat", 22.0, "lon", 104.0))
                .post("/api/v1/cameras")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("cameraId"));
        List<String> ids =
                given().get("/api/v1/cameras")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id");
        assertThat(ids).contains("cam-nam-cang");
    }

    private List<Map<String, Object>> clipsNear(GeoPoint p, double radiusKm) {
        return given().queryParam("lat", p.lat())
                .queryParam("lon", p.lon())
                .queryParam("from", startedAt.minusSeconds(60).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .queryParam("radiusKm", radiusKm)
                .get("/api/v1/clips")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("clips");
    }

    private void indexFakeSegment(String camera, Instant start, Instant end) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                postgres.jdbcUrl("vms"), postgres.user(), postgres.password());
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO segment (camera_id, path, start_utc, end_utc, bytes, codec, width, height, has_gap_before)"
                                        + " VALUES (?, ?, ?, ?, 1, 'h264', 320, 240, true)")) {
            ps.setString(1, camera);
            ps.setString(2, camera + "/fake.mp4");
            ps.setObject(3, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
