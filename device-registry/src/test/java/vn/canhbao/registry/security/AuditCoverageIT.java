package vn.canhbao.registry.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.broker.AclFile;
import vn.canhbao.registry.broker.ServiceCertificates;
import vn.canhbao.registry.ca.CertificateAuthority;

/**
 * Every change is audited (who, what, when, before and after), one test per endpoint that was not
 * covered: claim-code creation, the gateway's claim, revocation, service certificates, flood
 * thresholds (a site replace), users. Also: concurrent requests with the same new credentials run
 * PBKDF2 once.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class AuditCoverageIT {
    private static final String SITE =
            """
            {"id":"%s","name":"Suối Kiểm","commune":"Xã Tả Van","province":"Lào Cai","lat":22.3,"lon":103.9,
             "flood":{"alarm1":%s,"alarm2":3.0,"alarm3":4.0,"gaugeDatum":0,"provenance":"%s"}}""";

    @Inject ServiceCertificates services;
    @Inject UserService users;

    private static RequestSpecification admin() {
        return given().auth()
                .preemptive()
                .basic("admin", AuthOnProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification technician() {
        return given().auth()
                .preemptive()
                .basic("technician-1", "technician-password-1")
                .contentType(ContentType.JSON);
    }

    private static JsonPath audit(String type, String id) {
        return admin().queryParam("entityType", type)
                .queryParam("entityId", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @BeforeEach
    void technicianExists() {
        int status =
                admin().body(
                                "{\"username\":\"technician-1\",\"password\":\"technician-password-1\",\"role\":\"technician\"}")
                        .post("/api/v1/users")
                        .statusCode();
        assertThat(status).isIn(201, 409);
    }

    private static void siteAndGateway(String site) {
        admin().body(SITE.formatted(site, 2.0, "local-estimate"))
                .post("/api/v1/sites")
                .then()
                .statusCode(201);
        admin().body("{\"id\":\"gw-" + site + "\",\"siteId\":\"" + site + "\"}")
                .post("/api/v1/gateways")
                .then()
                .statusCode(201);
    }

    private static String newClaimCode(String gateway) {
        return technician()
                .post("/api/v1/gateways/" + gateway + "/claim-code")
                .then()
                .statusCode(201)
                .extract()
                .path("claimCode");
    }

    private static String claim(String gateway, String code) throws Exception {
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        String csr =
                CertificateAuthority.pem(
                        new JcaPKCS10CertificationRequestBuilder(
                                        new X500Name("CN=" + gateway), keys.getPublic())
                                .build(
                                        new JcaContentSignerBuilder("SHA256withECDSA")
                                                .build(keys.getPrivate())));
        return given().contentType(ContentType.JSON)
                .body(Map.of("gatewayId", gateway, "claimCode", code, "csr", csr))
                .post("/api/v1/provisioning/claim")
                .then()
                .statusCode(200)
                .extract()
                .path("serial");
    }

    @Test
    void claimCodeCreationIsAuditedWithoutTheCode() {
        siteAndGateway("aud-code");
        String first = newClaimCode("gw-aud-code");
        String second = newClaimCode("gw-aud-code");

        JsonPath a = audit("claim-code", "gw-aud-code");
        assertThat(a.getList("action")).containsExactly("create", "create");
        assertThat(a.getList("actor")).containsOnly("technician-1");
        assertThat(a.getString("[0].after.expiresAt")).isNotBlank();
        assertThat(a.getInt("[0].after.withdrawnOlderCodes")).isEqualTo(1);
        assertThat(a.getInt("[1].after.withdrawnOlderCodes")).isZero();
        assertThat(a.prettify()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void claimIsAuditedAsTheGatewayWithItsCertificate() throws Exception {
        siteAndGateway("aud-claim");
        String code = newClaimCode("gw-aud-claim");
        String serial = claim("gw-aud-claim", code);

        JsonPath a = audit("gateway-certificate", "gw-aud-claim");
        assertThat(a.getList("action")).containsExactly("claim");
        assertThat(a.getString("[0].actor")).isEqualTo("gateway:gw-aud-claim");
        assertThat(a.getString("[0].after.serial")).isEqualTo(serial);
        assertThat(a.getString("[0].after.notAfter")).isNotBlank();
        assertThat(a.prettify()).doesNotContain(code);
    }

    @Test
    void revocationIsAuditedWithTheRevokedSerials() throws Exception {
        siteAndGateway("aud-rev");
        String serial = claim("gw-aud-rev", newClaimCode("gw-aud-rev"));
        newClaimCode("gw-aud-rev"); // unused: the revocation withdraws it

        technician()
                .body("{\"reason\":\"stolen\"}")
                .post("/api/v1/gateways/gw-aud-rev/revoke")
                .then()
                .statusCode(200);

        JsonPath a = audit("gateway-certificate", "gw-aud-rev");
        assertThat(a.getList("action")).containsExactly("revoke", "claim");
        assertThat(a.getString("[0].actor")).isEqualTo("technician-1");
        assertThat(a.getList("[0].before.unrevokedSerials")).containsExactly(serial);
        assertThat(a.getList("[0].after.revokedSerials")).containsExactly(serial);
        assertThat(a.getList("[0].after.unrevokedSerials")).isEmpty();
        assertThat(a.getString("[0].after.reason")).isEqualTo("stolen");
        assertThat(a.getInt("[0].after.withdrawnClaimCodes")).isEqualTo(1);
    }

    @Test
    void serviceCertificateIssuanceIsAuditedAsTheSystem() {
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        String serial =
                services.issue(AclFile.INGEST, keys.getPublic()).getSerialNumber().toString(16);

        JsonPath a = audit("service-certificate", AclFile.INGEST);
        assertThat(a.getList("after.serial", String.class)).contains(serial);
        assertThat(a.getString("[0].actor")).isEqualTo("system");
        assertThat(a.getString("[0].action")).isEqualTo("issue");
    }

    @Test
    void floodThresholdChangesAreAuditedWithTheOldAndNewLevels() {
        technician()
                .body(SITE.formatted("aud-thr", 2.0, "local-estimate"))
                .post("/api/v1/sites")
                .then()
                .statusCode(201);
        technician()
                .body(SITE.formatted("aud-thr", 2.5, "ubnd-tinh"))
                .put("/api/v1/sites/aud-thr")
                .then()
                .statusCode(200);

        JsonPath a = audit("site", "aud-thr");
        assertThat(a.getList("action")).containsExactly("replace", "create");
        assertThat(a.getDouble("[0].before.flood.alarm1")).isEqualTo(2.0);
        assertThat(a.getString("[0].before.flood.provenance")).isEqualTo("local-estimate");
        assertThat(a.getDouble("[0].after.flood.alarm1")).isEqualTo(2.5);
        assertThat(a.getString("[0].after.flood.provenance")).isEqualTo("ubnd-tinh");
    }

    @Test
    void userCreationIsAuditedWithoutThePassword() {
        admin().body(
                        "{\"username\":\"operator-aud\",\"password\":\"operator-secret-77\",\"role\":\"operator\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(201);

        JsonPath a = audit("user", "operator-aud");
        assertThat(a.getList("action")).containsExactly("create");
        assertThat(a.getString("[0].actor")).isEqualTo("admin");
        assertThat(a.getString("[0].after.role")).isEqualTo("operator");
        assertThat(a.prettify()).doesNotContain("operator-secret-77").doesNotContain("pbkdf2");
    }

    @Test
    void concurrentRequestsWithNewCredentialsVerifyThePasswordOnce() throws Exception {
        admin().body(
                        "{\"username\":\"viewer-burst\",\"password\":\"viewer-burst-pass\",\"role\":\"viewer\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(201);
        long before = users.verifications();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(
                        () ->
                                given().auth()
                                        .preemptive()
                                        .basic("viewer-burst", "viewer-burst-pass")
                                        .get("/api/v1/sites")
                                        .statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // One PBKDF2 run for the burst (a second only if a request arrived after the first run
        // finished and before its result was remembered, which the single flight rules out).
        assertThat(users.verifications() - before).isEqualTo(1);
    }
}
