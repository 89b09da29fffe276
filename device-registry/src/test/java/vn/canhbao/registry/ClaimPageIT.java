package vn.canhbao.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The technicians' claim page is served, in Vietnamese, mobile-sized, with nothing from a CDN. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ClaimPageIT {
    @Test
    void theClaimPageIsServedInVietnameseWithoutExternalResources() {
        String html =
                given().get("/claim/")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("text/html"))
                        .extract()
                        .asString();
        String js = given().get("/claim/claim.js").then().statusCode(200).extract().asString();
        given().get("/claim/claim.css").then().statusCode(200);

        assertThat(html).contains("lang=\"vi\"", "Nhận thiết bị", "name=\"viewport\"", "claim.js");
        assertThat(html + js).doesNotContain("http://", "https://", "//cdn");
        assertThat(js).contains("/api/v1/gateways/", "config-status", "canhbao-claim:");
        assertThat(html).contains("Cảm biến chờ duyệt", "Pending sensors");
        assertThat(js).contains("/api/v1/pending-sensors", "/approve", "/reject");
    }
}
