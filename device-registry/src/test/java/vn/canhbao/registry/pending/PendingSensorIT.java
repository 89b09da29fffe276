package vn.canhbao.registry.pending;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.PendingSensor;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.SiteConfigTopic;
import vn.canhbao.registry.security.AuthOnProfile;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * Pending sensors end to end against a real Kafka and PostgreSQL, with authentication on: a {@link
 * PendingSensor} record on {@code cb.sensor-pending.v1} is listed for technicians, approval
 * registers the sensor and publishes it in the site config on {@code cb.site-config.v1}, redelivery
 * stores nothing twice, and malformed records are counted and skipped without blocking the next.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class PendingSensorIT {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    KafkaBroker kafka;

    @Inject PendingSensorConsumer consumer;

    private KafkaProducer<String, byte[]> producer;

    private static RequestSpecification as(String user) {
        // The users SecurityAuditIT creates too (the application and database may be shared).
        String password =
                user.equals("admin")
                        ? AuthOnProfile.ADMIN_PASSWORD
                        : user.substring(0, user.length() - 2) + "-password-1";
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    @BeforeEach
    void setUp() {
        for (String role : new String[] {"viewer", "technician"}) {
            int status =
                    as("admin")
                            .body(
                                    "{\"username\":\"%s-1\",\"password\":\"%s-password-1\",\"role\":\"%s\"}"
                                            .formatted(role, role, role))
                            .post("/api/v1/users")
                            .statusCode();
            assertThat(status).isIn(201, 409);
        }
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> kafka.topics().contains(KafkaTopics.SENSOR_PENDING));
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close(Duration.ofSeconds(5));
    }

    private static void createSiteAndGateway(String site) {
        as("admin")
                .body(
                        """
                        {"id":"%s","name":"Suối Chờ","commune":"Xã Tả Van","province":"Lào Cai","lat":22.3,"lon":103.9,
                         "flood":{"alarm1":2.0,"alarm2":3.0,"alarm3":4.0,"gaugeDatum":0,"provenance":"local-estimate"}}"""
                                .formatted(site))
                .post("/api/v1/sites")
                .then()
                .statusCode(201);
        as("admin")
                .body("{\"id\":\"gw-" + site + "\",\"siteId\":\"" + site + "\"}")
                .post("/api/v1/gateways")
                .then()
                .statusCode(201);
    }

    private void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(KafkaTopics.SENSOR_PENDING, key, value))
                .get(10, TimeUnit.SECONDS);
    }

    private void report(
            String gateway, String sensor, Quantity q, int fromMinute, int toMinute, long readings)
            throws Exception {
        PendingSensor p =
                new PendingSensor(
                        GatewayId.of(gateway),
                        SensorId.of(sensor),
                        q,
                        T0.plusSeconds(60L * fromMinute),
                        T0.plusSeconds(60L * toMinute),
                        readings);
        send(p.key(), PendingSensor.CODEC.encode(p));
    }

    private static List<Map<String, Object>> pending(String gateway, String status) {
        return as("technician-1")
                .queryParam("gatewayId", gateway)
                .queryParam("status", status)
                .get("/api/v1/pending-sensors")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static void awaitPending(String gateway, String sensor) {
        await().atMost(30, TimeUnit.SECONDS)
                .until(
                        () ->
                                pending(gateway, "pending").stream()
                                        .anyMatch(p -> sensor.equals(p.get("sensorId"))));
    }

    @Test
    void reportedSensorIsListedThenApprovedAndReachesTheSiteConfig() throws Exception {
        createSiteAndGateway("pend-a");
        report("gw-pend-a", "wl-new", Quantity.WATER_LEVEL, 0, 5, 3);

        awaitPending("gw-pend-a", "wl-new");
        Map<String, Object> listed = pending("gw-pend-a", "pending").get(0);
        assertThat(listed)
                .containsEntry("quantity", "water_level")
                .containsEntry("unit", Quantity.WATER_LEVEL.unit())
                .containsEntry("readings", 3)
                .containsEntry("gatewayKnown", true);
        as("viewer-1").get("/api/v1/pending-sensors").then().statusCode(403);

        as("technician-1")
                .body("{\"expectedIntervalSeconds\":60,\"scale\":0.01,\"kind\":\"radar\"}")
                .post("/api/v1/pending-sensors/gw-pend-a/wl-new/approve")
                .then()
                .statusCode(201)
                .body("id", equalTo("wl-new"))
                .body("siteId", equalTo("pend-a"))
                .body("quantity", equalTo("water_level"));
        as("viewer-1").get("/api/v1/sensors/wl-new").then().statusCode(200);
        assertThat(pending("gw-pend-a", "pending")).isEmpty();
        assertThat(pending("gw-pend-a", "approved"))
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("decidedBy", "technician-1"));

        await().atMost(30, TimeUnit.SECONDS)
                .until(
                        () ->
                                SiteConfigTopic.readAll(kafka.bootstrapServers()).stream()
                                        .filter(c -> c.site().value().equals("pend-a"))
                                        .reduce((a, b) -> b)
                                        .map(PendingSensorIT::sensorIds)
                                        .orElse(List.of())
                                        .contains("wl-new"));

        JsonPath audit =
                as("admin")
                        .queryParam("entityType", "pending-sensor")
                        .queryParam("entityId", "gw-pend-a/wl-new")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("action")).containsExactly("approve");
        assertThat(audit.getString("[0].actor")).isEqualTo("technician-1");
        assertThat(audit.getString("[0].before.status")).isEqualTo("pending");
        assertThat(audit.getString("[0].after.status")).isEqualTo("approved");
        assertThat(
                        as("admin")
                                .queryParam("entityType", "sensor")
                                .queryParam("entityId", "wl-new")
                                .get("/api/v1/audit")
                                .jsonPath()
                                .getString("[0].actor"))
                .isEqualTo("technician-1");

        // Approving twice is refused; a late report of the registered sensor is not pending again.
        as("technician-1")
                .body("{\"expectedIntervalSeconds\":60}")
                .post("/api/v1/pending-sensors/gw-pend-a/wl-new/approve")
                .then()
                .statusCode(409);
        report("gw-pend-a", "wl-new", Quantity.WATER_LEVEL, 0, 9, 7);
        report("gw-pend-a", "marker-a", Quantity.RAIN, 9, 9, 1);
        awaitPending("gw-pend-a", "marker-a");
        assertThat(pending("gw-pend-a", "pending"))
                .extracting(p -> p.get("sensorId"))
                .containsExactly("marker-a");
    }

    private static List<String> sensorIds(SiteConfig c) {
        return c.sensors().stream().map(SensorConfig::sensor).map(SensorId::value).toList();
    }

    @Test
    void redeliveredAndRepeatedReportsAreStoredOnce() throws Exception {
        createSiteAndGateway("pend-b");
        for (int i = 0; i < 3; i++) {
            report("gw-pend-b", "rg-dup", Quantity.RAIN, 10, 20, 40);
        }
        report("gw-pend-b", "rg-dup", Quantity.RAIN, 10, 30, 55); // a later report
        report("gw-pend-b", "rg-dup", Quantity.RAIN, 5, 15, 12); // an older one, delivered late
        report("gw-pend-b", "marker-b", Quantity.RAIN, 30, 30, 1);

        awaitPending("gw-pend-b", "marker-b");
        List<Map<String, Object>> rows =
                pending("gw-pend-b", "pending").stream()
                        .filter(p -> p.get("sensorId").equals("rg-dup"))
                        .toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("readings", 55)
                .containsEntry("firstSeen", T0.plusSeconds(60L * 5).toString())
                .containsEntry("lastSeen", T0.plusSeconds(60L * 30).toString());
    }

    @Test
    void malformedRecordsAreCountedAndSkippedWithoutBlockingTheNext() throws Exception {
        // Bad JSON, a bad quantity, a key that is not the value's, a value the database refuses.
        createSiteAndGateway("pend-c");
        double before = consumer.malformedCount();
        send("gw-pend-c/x", "not json at all".getBytes(StandardCharsets.UTF_8));
        send(
                "gw-pend-c/bad-q",
                ("{\"gateway\":\"gw-pend-c\",\"sensor\":\"bad-q\",\"quantity\":\"waterlevel\","
                                + "\"firstSeen\":\"2026-11-20T08:00:00Z\",\"lastSeen\":\"2026-11-20T08:01:00Z\","
                                + "\"readings\":1}")
                        .getBytes(StandardCharsets.UTF_8));
        PendingSensor wrongKey =
                new PendingSensor(
                        GatewayId.of("gw-pend-c"), SensorId.of("s-1"), Quantity.RAIN, T0, T0, 1);
        send("gw-other/s-1", PendingSensor.CODEC.encode(wrongKey));
        // Valid for the contract, out of PostgreSQL's range: refused by the database for good.
        PendingSensor farFuture =
                new PendingSensor(
                        GatewayId.of("gw-pend-c"),
                        SensorId.of("s-far"),
                        Quantity.RAIN,
                        Instant.parse("+300000-01-01T00:00:00Z"),
                        Instant.parse("+300000-01-01T00:00:00Z"),
                        1);
        send(farFuture.key(), PendingSensor.CODEC.encode(farFuture));
        report("gw-pend-c", "good-1", Quantity.RAIN, 0, 1, 2);

        awaitPending("gw-pend-c", "good-1");
        assertThat(consumer.malformedCount() - before).isEqualTo(4.0);
        assertThat(pending("gw-pend-c", "pending"))
                .extracting(p -> p.get("sensorId"))
                .containsExactly("good-1");
    }

    @Test
    void rejectedSensorLeavesTheListStaysRejectedAndIsAudited() throws Exception {
        createSiteAndGateway("pend-d");
        report("gw-pend-d", "tmp-1", Quantity.TEMPERATURE, 0, 1, 1);
        awaitPending("gw-pend-d", "tmp-1");

        as("technician-1")
                .body("{\"reason\":\"cảm biến thử nghiệm\"}")
                .post("/api/v1/pending-sensors/gw-pend-d/tmp-1/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("reason", equalTo("cảm biến thử nghiệm"));
        report("gw-pend-d", "tmp-1", Quantity.TEMPERATURE, 0, 8, 9);
        report("gw-pend-d", "marker-d", Quantity.RAIN, 8, 8, 1);
        awaitPending("gw-pend-d", "marker-d");

        assertThat(pending("gw-pend-d", "pending"))
                .extracting(p -> p.get("sensorId"))
                .containsExactly("marker-d");
        assertThat(pending("gw-pend-d", "rejected"))
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("readings", 9));
        JsonPath audit =
                as("admin")
                        .queryParam("entityType", "pending-sensor")
                        .queryParam("entityId", "gw-pend-d/tmp-1")
                        .get("/api/v1/audit")
                        .jsonPath();
        assertThat(audit.getList("action")).containsExactly("reject");
        assertThat(audit.getString("[0].actor")).isEqualTo("technician-1");
        assertThat(audit.getString("[0].after.reason")).isEqualTo("cảm biến thử nghiệm");

        as("technician-1")
                .body("{\"expectedIntervalSeconds\":60}")
                .post("/api/v1/pending-sensors/gw-pend-d/nothing/approve")
                .then()
                .statusCode(404);
        as("technician-1")
                .body("{}")
                .post("/api/v1/pending-sensors/gw-pend-d/marker-d/approve")
                .then()
                .statusCode(400)
                .body("field", equalTo("expectedIntervalSeconds"));
    }
}
