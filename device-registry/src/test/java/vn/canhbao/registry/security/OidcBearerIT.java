package vn.canhbao.registry.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RealInfrastructure;

/**
 * {@code canhbao.registry.auth.mode=oidc}: bearer JWTs verified by quarkus-oidc against a test key
 * pair (no identity provider server), roles from {@code realm_access/roles}, against a real
 * PostgreSQL. Tokens are signed in the test as Keycloak would sign them.
 */
@QuarkusTest
@TestProfile(OidcOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class OidcBearerIT {
    private static final String SITE =
            """
            {"id":"%s","name":"Suối Token","commune":"Xã Tả Van","province":"Lào Cai","lat":22.3,"lon":103.9}""";
    private static final String USER =
            "{\"username\":\"%s\",\"password\":\"password-of-%s\",\"role\":\"viewer\"}";

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aTechnicianTokenChangesSitesButMayNotManageUsers() {
        // given a token whose most privileged canhbao role is technician (unknown roles ignored)
        String tech =
                OidcTestKeys.token("tech-sub-1", List.of("offline_access", "viewer", "technician"));

        // when / then
        bearer(tech).body(SITE.formatted("by-token")).post("/api/v1/sites").then().statusCode(201);
        bearer(tech).get("/api/v1/sites/by-token").then().statusCode(200);
        bearer(tech)
                .body(USER.formatted("by-tech", "by-tech"))
                .post("/api/v1/users")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:canhbao:problem:forbidden"))
                .body("detail", containsString("role technician"));
    }

    @Test
    void anAdminTokenManagesUsers() {
        String admin = OidcTestKeys.token("admin-sub-1", List.of("admin", "viewer"));
        int status =
                bearer(admin)
                        .body(USER.formatted("by-admin-token", "by-admin-token"))
                        .post("/api/v1/users")
                        .statusCode();
        assertThat(status).isIn(201, 409);
    }

    @Test
    void aViewerTokenReadsButMayNotWrite() {
        String viewer = OidcTestKeys.token("viewer-sub-1", List.of("viewer"));

        bearer(viewer).get("/api/v1/sites").then().statusCode(200);
        bearer(viewer)
                .body(SITE.formatted("by-viewer-token"))
                .post("/api/v1/sites")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:canhbao:problem:forbidden"));
        bearer(viewer).get("/api/v1/sites/by-viewer-token").then().statusCode(404);
    }

    @Test
    void forgedExpiredForeignAudienceAndForeignIssuerTokensAre401() {
        var trusted = OidcTestKeys.trusted().getPrivate();
        List<String> tech = List.of("technician");
        Duration fiveMinutes = Duration.ofMinutes(5);
        String forged =
                OidcTestKeys.token(
                        OidcTestKeys.generate().getPrivate(),
                        OidcTestKeys.ISSUER,
                        OidcTestKeys.AUDIENCE,
                        "tech-sub-1",
                        tech,
                        fiveMinutes);
        String expired =
                OidcTestKeys.token(
                        trusted,
                        OidcTestKeys.ISSUER,
                        OidcTestKeys.AUDIENCE,
                        "tech-sub-1",
                        tech,
                        Duration.ofMinutes(-10));
        String otherAudience =
                OidcTestKeys.token(
                        trusted,
                        OidcTestKeys.ISSUER,
                        "another-service",
                        "tech-sub-1",
                        tech,
                        fiveMinutes);
        String otherIssuer =
                OidcTestKeys.token(
                        trusted,
                        "https://idp.example/realms/other",
                        OidcTestKeys.AUDIENCE,
                        "tech-sub-1",
                        tech,
                        fiveMinutes);

        for (String token : List.of(forged, expired, otherAudience, otherIssuer, "not.a.jwt")) {
            bearer(token)
                    .body(SITE.formatted("refused-token"))
                    .post("/api/v1/sites")
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:canhbao:problem:unauthenticated"));
        }
        // the control: the same claims, correctly signed, are accepted
        bearer(OidcTestKeys.token("tech-sub-1", tech))
                .get("/api/v1/sites/refused-token")
                .then()
                .statusCode(404);
    }

    @Test
    void aValidTokenWithoutACanhbaoRoleIs403NamingTheClaim() {
        String none = OidcTestKeys.token("nobody-sub", List.of("offline_access", "superuser"));

        bearer(none)
                .get("/api/v1/sites")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:canhbao:problem:forbidden"))
                .body("detail", containsString("no canhbao role"))
                .body("detail", containsString("realm_access/roles"))
                .body("field", equalTo("roles"))
                .body("value", equalTo("offline_access,superuser"));
    }

    @Test
    void theAuditLogNamesTheTokenSubject() {
        String tech = OidcTestKeys.token("3f6c1a9e-subject", List.of("technician"));
        bearer(tech)
                .body(SITE.formatted("audited-token"))
                .post("/api/v1/sites")
                .then()
                .statusCode(201);

        JsonPath audit =
                bearer(tech)
                        .queryParam("entityType", "site")
                        .queryParam("entityId", "audited-token")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("actor")).containsExactly("oidc:3f6c1a9e-subject");
        assertThat(audit.getList("action")).containsExactly("create");
    }

    @Test
    void httpBasicAgainstTheLocalStoreStillWorksSideBySide() {
        given().auth()
                .preemptive()
                .basic("admin", AuthOnProfile.ADMIN_PASSWORD)
                .get("/api/v1/sites")
                .then()
                .statusCode(200);
        given().get("/api/v1/sites")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .header("WWW-Authenticate", containsString("Basic"));
    }
}
