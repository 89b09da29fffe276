package vn.canhbao.ops;

import static io.restassured.RestAssured.given;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteConfig;

/**
 * Alerts produced to real Kafka end up in real PostgreSQL and in the REST API, exactly once per
 * revision.
 */
@QuarkusTest
@QuarkusTestResource(value = OpsTestResources.class, restrictToAnnotatedClass = false)
class AlertIntakeIT {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject AgroalDataSource dataSource;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void openProducer() {
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private void send(AlertEvent e) {
        sendRaw(e.alertId(), AlertEvent.CODEC.encode(e));
    }

    private void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(KafkaTopics.ALERTS, key, value)).get(10, SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + KafkaTopics.ALERTS, e);
        }
    }

    private void sendSite(SiteConfig site) {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    KafkaTopics.SITE_CONFIG,
                                    site.site().value(),
                                    SiteConfig.CODEC.encode(site)))
                    .get(10, SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + KafkaTopics.SITE_CONFIG, e);
        }
    }

    private static JsonPath detail(String alertId) {
        return given().get("/api/v1/alerts/{id}", alertId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitRevision(String alertId, int revision) {
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                given().get("/api/v1/alerts/{id}", alertId)
                                        .then()
                                        .statusCode(200)
                                        .body("alert.revision", equalTo(revision)));
    }

    @Test
    void producedAlertAppearsInTheListWithItsLevelSiteAndEvidence() {
        // given the site's configuration and a raised flood alert at level 3
        sendSite(Fixtures.namCang(1, "Suối Nậm Cang"));
        AlertEvent raised = Fixtures.flood(Fixtures.newEpisode(), 0, RiskLevel.LEVEL_3, 3.2);

        // when it is produced to Kafka
        send(raised);

        // then the open alerts list shows it within seconds, joined with the site
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                given().get("/api/v1/alerts?state=open")
                                        .then()
                                        .statusCode(200)
                                        .body("alertId", hasItem(raised.alertId()))
                                        .body(
                                                "find { it.alertId == '%s' }.site.name"
                                                        .formatted(raised.alertId()),
                                                equalTo("Suối Nậm Cang")));
        JsonPath json = detail(raised.alertId());
        assertThat(json.getString("alert.siteId")).isEqualTo("nam-cang");
        assertThat(json.getInt("alert.level.number")).isEqualTo(3);
        assertThat(json.getString("alert.level.labelVi")).isEqualTo("Cấp 3");
        assertThat(json.getString("alert.level.colourVi")).isEqualTo("da cam");
        assertThat(json.getString("alert.hazardVi")).isEqualTo("lũ, ngập lụt");
        assertThat(json.getString("alert.site.commune")).isEqualTo("Xã Nậm Cang");
        assertThat(json.getString("alert.state")).isEqualTo("raised");
        assertThat(json.getBoolean("alert.open")).isTrue();
        assertThat(json.getString("alert.evidence[0].textVi"))
                .isEqualTo("Mực nước 3.2 m ≥ BĐ II 3.0 m");
        assertThat(json.getString("alert.notice")).startsWith("Cảnh báo tại chỗ từ cảm biến");
        assertThat(json.getString("alert.videoUrl"))
                .isEqualTo(
                        OpsTestResources.VMS_URL + "/api/v1/alerts/" + raised.alertId() + "/clips");
    }

    @Test
    void theSameRevisionTwiceIsStoredOnce() {
        // given a raised alert delivered twice, then its next revision
        Instant episode = Fixtures.newEpisode();
        AlertEvent raised = Fixtures.flood(episode, 0, RiskLevel.LEVEL_3, 3.1);
        send(raised);
        send(raised);
        send(Fixtures.flood(episode, 1, RiskLevel.LEVEL_4, 4.1));

        // when the later revision has been applied
        awaitRevision(raised.alertId(), 1);

        // then the history holds each revision once
        assertThat(detail(raised.alertId()).getList("transitions.revision", Integer.class))
                .containsExactly(0, 1);
        assertThat(metric("canhbao_ops_intake_records_total", "outcome=\"duplicate\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLowerRevisionAfterAHigherOneDoesNotRollTheAlertBack() {
        // given revision 2 (level 4) arrived before revision 1 (level 3)
        Instant episode = Fixtures.newEpisode();
        AlertEvent raised = Fixtures.flood(episode, 0, RiskLevel.LEVEL_2, 2.5);
        send(raised);
        send(Fixtures.flood(episode, 2, RiskLevel.LEVEL_4, 4.2));
        send(Fixtures.flood(episode, 1, RiskLevel.LEVEL_3, 3.3));

        // when the late revision 1 has been received (it is kept in the history)
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                detail(raised.alertId())
                                                        .getList(
                                                                "transitions.revision",
                                                                Integer.class))
                                        .containsExactly(0, 1, 2));

        // then the current state is still revision 2 at level 4
        JsonPath json = detail(raised.alertId());
        assertThat(json.getInt("alert.revision")).isEqualTo(2);
        assertThat(json.getInt("alert.level.number")).isEqualTo(4);
        assertThat(metric("canhbao_ops_intake_records_total", "outcome=\"stale\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUndecodableRecordIsKeptAndCountedAndTheNextGoodOneStillArrives() throws SQLException {
        // given a record that is not an AlertEvent, followed on the same key (same partition) by a
        // good one
        AlertEvent good = Fixtures.flood(Fixtures.newEpisode(), 0, RiskLevel.LEVEL_3, 3.4);
        sendRaw(good.alertId(), "{\"alertId\": 42, broken".getBytes(StandardCharsets.UTF_8));

        // when the good one is produced after it
        send(good);

        // then the good one is applied
        awaitRevision(good.alertId(), 0);
        // and the bad one is stored with its bytes and the reason, and counted
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "select payload, field, reason from rejected_events where topic = ? and record_key = ?")) {
            ps.setString(1, KafkaTopics.ALERTS);
            ps.setString(2, good.alertId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("rejected record stored").isTrue();
                assertThat(new String(rs.getBytes("payload"), StandardCharsets.UTF_8))
                        .isEqualTo("{\"alertId\": 42, broken");
                assertThat(rs.getString("reason")).isNotBlank();
                assertThat(rs.next()).as("stored once").isFalse();
            }
        }
        assertThat(metric("canhbao_ops_intake_records_total", "outcome=\"rejected\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNewerSiteVersionWinsAndAnOlderOneIsIgnored() {
        // given version 5 of the site, then a late version 4
        sendSite(Fixtures.namCang(5, "Suối Nậm Cang"));
        sendSite(Fixtures.namCang(4, "Tên cũ"));
        sendSite(Fixtures.namCang(6, "Suối Nậm Cang (v6)"));

        // then the sites list ends at version 6 and never shows the older name
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sites")
                                        .then()
                                        .statusCode(200)
                                        .body(
                                                "find { it.siteId == 'nam-cang' }.version",
                                                equalTo(6)));
        List<String> names =
                given().get("/api/v1/sites").then().extract().jsonPath().getList("name");
        assertThat(names).contains("Suối Nậm Cang (v6)").doesNotContain("Tên cũ");
        // restore the agreed fixture name for the other tests
        sendSite(Fixtures.namCang(7, "Suối Nậm Cang"));
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sites")
                                        .then()
                                        .body(
                                                "find { it.siteId == 'nam-cang' }.version",
                                                equalTo(7)));
    }

    /** Sum of the Prometheus samples of {@code name} whose labels contain {@code label}. */
    static double metric(String name, String label) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(
                        l ->
                                l.startsWith(name + "{")
                                        && l.contains(label)
                                        && l.contains(KafkaTopics.ALERTS))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
