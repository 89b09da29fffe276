package vn.canhbao.registry.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.CameraId;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.camera.CameraCredentials;
import vn.canhbao.registry.camera.CameraService;

/**
 * Roles and the audit log with authentication on, against a real PostgreSQL: 401 without
 * credentials, 403 for a viewer who writes, audit rows with before and after, camera credentials
 * encrypted at rest and never returned.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class SecurityAuditIT {
    private static final String SITE =
            """
            {"id":"%s","name":"Suối Thử","commune":"Xã Tả Van","province":"Lào Cai","lat":22.3,"lon":103.9,
             "landslideSusceptibility":"cao","hazards":["flood","landslide"],"elevation":1250.5,"river":"Mường Hoa","basin":"Hồng"}""";

    @Inject DataSource dataSource;
    @Inject CameraService cameras;

    private static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password).contentType(ContentType.JSON);
    }

    private static RequestSpecification admin() {
        return as("admin", AuthOnProfile.ADMIN_PASSWORD);
    }

    @BeforeEach
    void users() {
        for (String role : new String[] {"viewer", "technician"}) {
            int status =
                    admin().body(
                                    "{\"username\":\"%s-1\",\"password\":\"%s-password-1\",\"role\":\"%s\"}"
                                            .formatted(role, role, role))
                            .post("/api/v1/users")
                            .statusCode();
            assertThat(status).isIn(201, 409);
        }
    }

    @Test
    void withoutCredentialsEveryApiCallIs401ButHealthIsOpen() {
        given().get("/api/v1/sites")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON)
                .body(SITE.formatted("no-auth"))
                .post("/api/v1/sites")
                .then()
                .statusCode(401);
        as("viewer-1", "wrong-password-1").get("/api/v1/sites").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void byDefaultOidcIsOffBearerTokensAreIgnoredAndBasicWorks() {
        // given the shipped defaults (this profile sets neither the mode nor quarkus.oidc.*)
        var cfg = ConfigProvider.getConfig();
        assertThat(cfg.getValue("canhbao.registry.auth.mode", String.class)).isEqualTo("basic");
        assertThat(cfg.getValue("quarkus.oidc.tenant-enabled", Boolean.class)).isFalse();
        // a token correctly signed with the key OidcBearerIT trusts means nothing here
        String token = OidcTestKeys.token("tech-sub-1", List.of("admin"));

        given().auth()
                .oauth2(token)
                .get("/api/v1/sites")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"canhbao\""))
                .body("type", equalTo("urn:canhbao:problem:unauthenticated"));
        admin().get("/api/v1/sites").then().statusCode(200);
    }

    @Test
    void aViewerReadsButMayNotWrite() {
        as("viewer-1", "viewer-password-1").get("/api/v1/sites").then().statusCode(200);
        as("viewer-1", "viewer-password-1")
                .body(SITE.formatted("by-viewer"))
                .post("/api/v1/sites")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:canhbao:problem:forbidden"));
        as("viewer-1", "viewer-password-1").get("/api/v1/sites/by-viewer").then().statusCode(404);
        as("technician-1", "technician-password-1")
                .body("{\"username\":\"x-1\",\"password\":\"x-password-123\",\"role\":\"admin\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(403);
    }

    @Test
    void aTechniciansChangesAreAuditedWithBeforeAndAfter() {
        RequestSpecification tech = as("technician-1", "technician-password-1");
        tech.body(SITE.formatted("audited"))
                .post("/api/v1/sites")
                .then()
                .statusCode(201)
                .body("landslideSusceptibility", equalTo("cao"))
                .body("hazards[1]", equalTo("landslide"))
                .body("elevation", equalTo(1250.5f));
        as("technician-1", "technician-password-1")
                .body(SITE.formatted("audited").replace("Suối Thử", "Suối Đã Đổi"))
                .put("/api/v1/sites/audited")
                .then()
                .statusCode(200);

        JsonPath audit =
                as("viewer-1", "viewer-password-1")
                        .queryParam("entityType", "site")
                        .queryParam("entityId", "audited")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(audit.getList("action")).containsExactly("replace", "create");
        assertThat(audit.getList("actor")).containsOnly("technician-1");
        assertThat(audit.getString("[0].before.name")).isEqualTo("Suối Thử");
        assertThat(audit.getString("[0].after.name")).isEqualTo("Suối Đã Đổi");
        assertThat(audit.getString("[0].after.river")).isEqualTo("Mường Hoa");
        assertThat(audit.getObject("[1].before", Object.class)).isNull();
        assertThat(audit.getString("[1].after.name")).isEqualTo("Suối Thử");
    }

    @Test
    void cameraCredentialsAreEncryptedAtRestAndNeverReturned() throws SQLException {
        admin().body(SITE.formatted("cam-site")).post("/api/v1/sites").then().statusCode(201);
        String secret = "s3cret-rtsp-pass";
        as("technician-1", "technician-password-1")
                .body(
                        """
                        {"id":"cam-1","siteId":"cam-site","name":"Cầu treo","rtspUrl":"rtsp://10.0.0.5:554/stream1",
                         "username":"viewer","password":"%s"}"""
                                .formatted(secret))
                .post("/api/v1/cameras")
                .then()
                .statusCode(201)
                .body("hasCredentials", equalTo(true))
                .body("password", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(secret)));
        String read = as("viewer-1", "viewer-password-1").get("/api/v1/cameras/cam-1").asString();
        String audit = admin().queryParam("entityType", "camera").get("/api/v1/audit").asString();
        assertThat(read).doesNotContain(secret).contains("rtsp://10.0.0.5:554/stream1");
        assertThat(audit).doesNotContain(secret).contains("cam-1");

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT credentials_cipher FROM cameras WHERE id = 'cam-1'");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain(secret).doesNotContain("viewer");
        }
        assertThat(cameras.credentials(CameraId.of("cam-1")))
                .contains(new CameraCredentials("viewer", secret));
        as("technician-1", "technician-password-1")
                .body(
                        "{\"id\":\"cam-2\",\"siteId\":\"cam-site\",\"rtspUrl\":\"rtsp://u:%s@10.0.0.6/s\"}"
                                .formatted(secret))
                .post("/api/v1/cameras")
                .then()
                .statusCode(400)
                .body("field", equalTo("rtspUrl"))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
    }
}
