package vn.canhbao.ops;

import static io.restassured.RestAssured.given;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.RiskLevel;

/** The console page, the live stream and acknowledgements, against real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = OpsTestResources.class, restrictToAnnotatedClass = false)
class ConsoleAndLiveFeedIT {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/api/v1/alerts/stream")
    URI streamUri;

    private void send(AlertEvent e) {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    KafkaTopics.ALERTS, e.alertId(), AlertEvent.CODEC.encode(e)))
                    .get(10, SECONDS);
        } catch (Exception ex) {
            throw new AssertionError("cannot produce to " + KafkaTopics.ALERTS, ex);
        }
    }

    @Test
    void theStreamDeliversANewAlertToAConnectedConsole() throws Exception {
        // given a console connected to the live stream
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response =
                client.send(
                        HttpRequest.newBuilder(streamUri)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    response.body(), StandardCharsets.UTF_8))) {
                                for (String line = r.readLine();
                                        line != null;
                                        line = r.readLine()) {
                                    lines.add(line);
                                }
                            } catch (java.io.IOException closed) {
                                // the test closed the stream
                            }
                        },
                        "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(10, SECONDS)
                .until(
                        () ->
                                lines.stream()
                                        .anyMatch(l -> l.replace(" ", "").equals("event:ready")));

        // when a new alert is produced to Kafka
        AlertEvent raised = Fixtures.flood(Fixtures.newEpisode(), 0, RiskLevel.LEVEL_4, 4.3);
        send(raised);

        // then the console receives it as an 'alert' event carrying the alert as JSON
        await().atMost(30, SECONDS)
                .until(
                        () ->
                                lines.stream()
                                        .anyMatch(
                                                l ->
                                                        l.startsWith("data:")
                                                                && l.contains(
                                                                        "\"alertId\":\""
                                                                                + raised.alertId()
                                                                                + "\"")));
        int data = indexOf(lines, "\"alertId\":\"" + raised.alertId() + "\"");
        assertThat(lines.subList(Math.max(0, data - 3), data))
                .anyMatch(l -> l.replace(" ", "").equals("event:alert"));
        assertThat(lines.get(data)).contains("\"number\":4").contains("\"state\":\"raised\"");
        response.body().close();
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data:") && lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no data line with " + fragment);
    }

    @Test
    void anAcknowledgementRecordsWhoAndWhenWithoutChangingTheEpisode() {
        // given an open alert
        Instant episode = Fixtures.newEpisode();
        AlertEvent raised = Fixtures.flood(episode, 0, RiskLevel.LEVEL_3, 3.5);
        send(raised);
        await().atMost(30, SECONDS)
                .untilAsserted(
                        () ->
                                given().get("/api/v1/alerts/{id}", raised.alertId())
                                        .then()
                                        .statusCode(200));

        // when an operator acknowledges it
        given().contentType("application/json")
                .body("{\"by\": \"Nguyễn Văn An\"}")
                .post("/api/v1/alerts/{id}/ack", raised.alertId())
                .then()
                .statusCode(200)
                .body("ack.by", equalTo("Nguyễn Văn An"))
                .body("revision", equalTo(0))
                .body("state", equalTo("raised"));

        // then the alert shows who and when, and the history has no new transition
        given().get("/api/v1/alerts/{id}", raised.alertId())
                .then()
                .statusCode(200)
                .body("alert.ack.by", equalTo("Nguyễn Văn An"))
                .body("acks.size()", equalTo(1))
                .body("transitions.size()", equalTo(1));
    }

    @Test
    void badRequestsAreAnsweredWithProblemDetailsNamingTheField() {
        given().contentType("application/json")
                .body("{\"by\": \"  \"}")
                .post("/api/v1/alerts/{id}/ack", "al-00000000000000000000")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("detail", startsWith("by:"));
        given().contentType("application/json")
                .body("{\"by\": \"An\"}")
                .post("/api/v1/alerts/{id}/ack", "al-00000000000000000000")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("al-00000000000000000000"));
        given().contentType("application/json")
                .body("{\"by\":")
                .post("/api/v1/alerts/{id}/ack", "al-00000000000000000000")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("body: not valid JSON"));
        given().get("/api/v1/alerts?state=closed")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("state:"));
    }

    @Test
    void theRootServesTheVietnameseConsoleThatListensToTheStream() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("Trung tâm điều hành cảnh báo thiên tai"))
                .body(containsString("Operations console"))
                .body(containsString("không phải bản tin chính thức"));
        given().get("/console.js")
                .then()
                .statusCode(200)
                .body(containsString("new EventSource('/api/v1/alerts/stream')"))
                .body(containsString("Xác nhận"))
                .body(containsString("Asia/Ho_Chi_Minh"));
    }

    @Test
    void readinessIsUpWithDatabaseAndConsumers() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
