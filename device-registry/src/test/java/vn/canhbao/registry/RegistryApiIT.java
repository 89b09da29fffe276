package vn.canhbao.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.DemoFixture.DemoSite;

/** The REST API against a real PostgreSQL (and Kafka, which these tests do not look at). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class RegistryApiIT {

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/" + path)
                .then();
    }

    @Test
    void createsTheDemoFixtureThroughTheApi() {
        for (DemoSite site : DemoFixture.SITES) {
            post("sites", site.siteBody())
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/sites/" + site.id()))
                    .body("version", equalTo(1));
            post("gateways", site.gatewayBody()).statusCode(201).body("siteId", equalTo(site.id()));
            for (String sensor : site.sensorBodies()) {
                post("sensors", sensor).statusCode(201).body("siteId", equalTo(site.id()));
            }
        }

        given().get("/api/v1/sites/ta-van")
                .then()
                .statusCode(200)
                .body("name", equalTo("Suối Mường Hoa"))
                .body("flood.alarm3", equalTo(4.0f))
                .body("version", equalTo(4));
        given().get("/api/v1/sensors/rg-tra-leng")
                .then()
                .statusCode(200)
                .body("quantity", equalTo("rain"))
                .body("unit", equalTo("mm"))
                .body("gatewayId", equalTo("gw-tra-leng"));
        given().get("/api/v1/gateways/gw-nam-cang")
                .then()
                .statusCode(200)
                .body("siteId", equalTo("nam-cang"));
        given().get("/api/v1/sites/nam-cang/config")
                .then()
                .statusCode(200)
                .body("version", equalTo(4))
                .body(
                        "sensors.sensor",
                        org.hamcrest.Matchers.contains("rg-nam-cang", "wl-nam-cang"))
                .body("flood.provenance", equalTo("local-estimate"));
    }

    @Test
    void latitudeOutOfRangeIsA400ProblemNamingLat() {
        ValidatableResponse r =
                post(
                        "sites",
                        """
                {"id":"bad-lat","name":"x","commune":"x","province":"x","lat":200,"lon":100}""");

        r.statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("type", equalTo("urn:canhbao:problem:invalid-field"))
                .body("title", containsString("Invalid field"))
                .body("field", equalTo("lat"))
                .body("detail", containsString("200.0"));
    }

    @Test
    void alarm2BelowAlarm1IsA400ProblemNamingFloodAlarm2() {
        post(
                        "sites",
                        """
                {"id":"bad-alarm","name":"x","commune":"x","province":"x","lat":20,"lon":100,
                 "flood":{"alarm1":3.0,"alarm2":2.0,"alarm3":4.0,"gaugeDatum":0,"provenance":"local-estimate"}}""")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("flood.alarm2"))
                .body("value", equalTo("2.0"));
        given().get("/api/v1/sites/bad-alarm").then().statusCode(404);
    }

    @Test
    void unknownQuantityIsA400ProblemNamingQuantityAndValue() {
        post("sites", site("q-site")).statusCode(201);
        post("gateways", "{\"id\":\"gw-q-site\",\"siteId\":\"q-site\"}").statusCode(201);

        post(
                        "sensors",
                        """
                {"id":"wl-q","gatewayId":"gw-q-site","quantity":"waterlevel","expectedIntervalSeconds":60}""")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("quantity"))
                .body("value", equalTo("\"waterlevel\""))
                .body("detail", containsString("water_level"));
    }

    @Test
    void malformedJsonAndWrongTypesAre400Problems() {
        post("sites", "{\"id\":")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("body"));
        post(
                        "sites",
                        """
                {"id":"t","name":"x","commune":"x","province":"x","lat":"north","lon":100}""")
                .statusCode(400)
                .body("field", equalTo("lat"));
    }

    @Test
    void duplicateIdsAre409Problems() {
        post("sites", site("dup-site")).statusCode(201);
        post("gateways", "{\"id\":\"gw-dup\",\"siteId\":\"dup-site\"}").statusCode(201);
        String sensor =
                "{\"id\":\"s-dup\",\"gatewayId\":\"gw-dup\",\"quantity\":\"rain\",\"expectedIntervalSeconds\":60}";
        post("sensors", sensor).statusCode(201);

        post("sites", site("dup-site"))
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409))
                .body("detail", containsString("dup-site"));
        post("gateways", "{\"id\":\"gw-dup\",\"siteId\":\"dup-site\"}").statusCode(409);
        post("sensors", sensor).statusCode(409);
        // A refused duplicate is not a change: the site's version stays where the three creations
        // left it.
        given().get("/api/v1/sites/dup-site").then().body("version", equalTo(3));
    }

    @Test
    void unknownIdsAre404ProblemsAndUnknownReferences400() {
        given().get("/api/v1/sites/no-such-site")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no-such-site"));
        given().get("/api/v1/gateways/no-such-gw").then().statusCode(404);
        given().get("/api/v1/sensors/no-such-sensor").then().statusCode(404);
        given().get("/api/v1/sites/no-such-site/config").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(site("no-such-site"))
                .put("/api/v1/sites/no-such-site")
                .then()
                .statusCode(404);

        post("gateways", "{\"id\":\"gw-orphan\",\"siteId\":\"no-such-site\"}")
                .statusCode(400)
                .body("field", equalTo("siteId"));
        post(
                        "sensors",
                        "{\"id\":\"s-orphan\",\"gatewayId\":\"no-such-gw\",\"quantity\":\"rain\",\"expectedIntervalSeconds\":60}")
                .statusCode(400)
                .body("field", equalTo("gatewayId"));
    }

    @Test
    void servesOpenApiAndReadiness() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/sites/{id}/config"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static String site(String id) {
        return """
                {"id":"%s","name":"Thử","commune":"Xã Thử","province":"Lào Cai","lat":22.0,"lon":104.0}"""
                .formatted(id);
    }
}
