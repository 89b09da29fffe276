package vn.canhbao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import vn.canhbao.contracts.Json;

/**
 * Creates the demo communes (sites, gateways, sensors) through the device registry's public REST
 * API, exactly as a technician's tool would. Idempotent: an entity that already exists (409) is
 * left as it is, so a restart on the same data folder changes nothing.
 */
final class FixtureSeeder {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String registryUrl;
    private final String authorization;

    /** Seeds as {@code user} (a technician or admin of the registry) over HTTP Basic. */
    FixtureSeeder(String registryUrl, String user, String password) {
        this.registryUrl = registryUrl;
        this.authorization =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Seeds the fixture at {@code resource} on the classpath; returns how many entities were
     * created.
     */
    int seed(String resource) {
        JsonNode fixture = read(resource);
        int created = 0;
        created += post("sites", fixture.path("sites"));
        created += post("gateways", fixture.path("gateways"));
        created += post("sensors", fixture.path("sensors"));
        return created;
    }

    private int post(String collection, JsonNode items) {
        int created = 0;
        for (JsonNode item : items) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(registryUrl + "/api/v1/" + collection))
                            .timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofString(item.toString()))
                            .build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new PlatformException(
                        "registry: POST /api/v1/" + collection + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while seeding the registry", e);
            }
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                created++;
            } else if (status != 409) {
                throw new PlatformException(
                        "registry refused the demo "
                                + collection
                                + " "
                                + item.path("id").asText()
                                + " with HTTP "
                                + status
                                + ": "
                                + response.body());
            }
        }
        return created;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = FixtureSeeder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PlatformException("fixture " + resource + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new PlatformException("fixture " + resource + " is not valid JSON", e);
        }
    }
}
