package vn.canhbao.registry.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.ThresholdProvenance;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.SiteConfigTopic;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * Distribution of site configurations on {@code cb.site-config.v1}, against real Kafka and
 * PostgreSQL.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class SiteConfigDistributionIT {

    KafkaBroker kafka;

    private static void post(String path, String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/" + path)
                .then()
                .statusCode(201);
    }

    private static String siteBody(String id, double alarm1, double alarm2, double alarm3) {
        return """
                {"id":"%s","name":"Suối Thử","commune":"Xã Thử","province":"Lào Cai","lat":22.25,"lon":103.98,
                 "flood":{"alarm1":%s,"alarm2":%s,"alarm3":%s,"gaugeDatum":0,"provenance":"local-estimate"}}"""
                .formatted(id, alarm1, alarm2, alarm3);
    }

    private static void createSiteWithSensors(String id) {
        post("sites", siteBody(id, 2.0, 3.0, 4.0));
        post("gateways", "{\"id\":\"gw-" + id + "\",\"siteId\":\"" + id + "\"}");
        post(
                "sensors",
                "{\"id\":\"wl-"
                        + id
                        + "\",\"gatewayId\":\"gw-"
                        + id
                        + "\",\"quantity\":\"water_level\",\"scale\":0.01,\"offset\":-0.5,\"expectedIntervalSeconds\":60}");
        post(
                "sensors",
                "{\"id\":\"rg-"
                        + id
                        + "\",\"gatewayId\":\"gw-"
                        + id
                        + "\",\"quantity\":\"rain\",\"expectedIntervalSeconds\":300}");
    }

    private SiteConfig awaitPublished(String site, long version) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(
                        () ->
                                SiteConfigTopic.readAll(kafka.bootstrapServers()).stream()
                                        .filter(
                                                c ->
                                                        c.site().value().equals(site)
                                                                && c.version() == version)
                                        .findFirst()
                                        .orElse(null),
                        c -> c != null);
    }

    @Test
    void createdSiteIsPublishedWithItsThresholdsAndSensors() {
        createSiteWithSensors("pub-site");

        SiteConfig config = awaitPublished("pub-site", 4);

        assertThat(config.name()).isEqualTo("Suối Thử");
        assertThat(config.location().lat()).isEqualTo(22.25);
        assertThat(config.flood())
                .hasValueSatisfying(
                        f -> {
                            assertThat(f.alarm1()).isEqualTo(2.0);
                            assertThat(f.alarm2()).isEqualTo(3.0);
                            assertThat(f.alarm3()).isEqualTo(4.0);
                            assertThat(f.provenance())
                                    .isEqualTo(ThresholdProvenance.LOCAL_ESTIMATE);
                        });
        assertThat(config.sensors())
                .extracting(s -> s.sensor().value())
                .containsExactly("rg-pub-site", "wl-pub-site");
        SensorConfig wl = config.sensors().get(1);
        assertThat(wl.quantity()).isEqualTo(Quantity.WATER_LEVEL);
        assertThat(wl.calibrate(250)).isEqualTo(2.0);
        assertThat(wl.expectedInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.sensors().get(0).expectedInterval()).isEqualTo(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sites/pub-site")
                                        .then()
                                        .body(
                                                "publishedVersion",
                                                org.hamcrest.Matchers.equalTo(4)));
    }

    @Test
    void updatePublishesAHigherVersionWithTheNewThresholds() {
        createSiteWithSensors("upd-site");
        awaitPublished("upd-site", 4);

        given().contentType(ContentType.JSON)
                .body(siteBody("upd-site", 2.5, 3.5, 4.5))
                .put("/api/v1/sites/upd-site")
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(5));

        SiteConfig updated = awaitPublished("upd-site", 5);
        assertThat(updated.flood()).hasValueSatisfying(f -> assertThat(f.alarm2()).isEqualTo(3.5));
        assertThat(updated.sensors()).hasSize(2);
    }

    @Test
    void changesMadeWhileKafkaIsDownArePublishedWhenItReturns() {
        post("sites", siteBody("outage-site", 2.0, 3.0, 4.0));
        awaitPublished("outage-site", 1);

        kafka.stop();
        try {
            given().contentType(ContentType.JSON)
                    .body(siteBody("outage-site", 1.0, 3.0, 4.0))
                    .put("/api/v1/sites/outage-site")
                    .then()
                    .statusCode(200)
                    .body("version", org.hamcrest.Matchers.equalTo(2))
                    .body("publishedVersion", org.hamcrest.Matchers.lessThan(2));
            // Longer than the 3 s ack timeout: at least one pass fails and the change waits in the
            // outbox.
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(8))
                    .untilAsserted(
                            () ->
                                    given().get("/api/v1/sites/outage-site")
                                            .then()
                                            .body(
                                                    "publishedVersion",
                                                    org.hamcrest.Matchers.lessThan(2)));
            given().get("/q/metrics")
                    .then()
                    .body(
                            org.hamcrest.Matchers.matchesPattern(
                                    "(?s).*canhbao_registry_site_config_publish_failures_total(\\{[^}]*\\})? [1-9].*"));
        } finally {
            kafka.restart();
        }

        SiteConfig config = awaitPublished("outage-site", 2);
        assertThat(config.flood()).hasValueSatisfying(f -> assertThat(f.alarm1()).isEqualTo(1.0));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/sites/outage-site")
                                        .then()
                                        .body(
                                                "publishedVersion",
                                                org.hamcrest.Matchers.equalTo(2)));
    }

    @Test
    void topicIsCompacted() throws Exception {
        post("sites", siteBody("compact-site", 2.0, 3.0, 4.0));
        awaitPublished("compact-site", 1);

        try (Admin admin = kafka.admin()) {
            ConfigResource topic =
                    new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.SITE_CONFIG);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topic)).all().get();
            assertThat(configs.get(topic).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
