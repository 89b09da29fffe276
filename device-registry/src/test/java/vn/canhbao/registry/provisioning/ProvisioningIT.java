package vn.canhbao.registry.provisioning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.broker.AclFile;
import vn.canhbao.registry.broker.ServiceCertificates;
import vn.canhbao.registry.ca.CertificateAuthority;
import vn.canhbao.registry.ca.RegistryCa;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Provisioning against a real PostgreSQL and a real Mosquitto whose mutual-TLS listener, ACL and
 * CRL come from the registry: claim codes, certificates, topic isolation, revocation, and config
 * distribution with acknowledgements.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(SecureBrokerResource.class)
class ProvisioningIT {

    SecureBroker secure;

    @Inject ServiceCertificates services;
    @Inject RegistryCa ca;
    @Inject DataSource dataSource;

    /** A gateway's agent: its own key, generated "on the gateway", and what the claim returned. */
    record Agent(GatewayId id, KeyPair keys, X509Certificate cert) {}

    private static void post(String path, String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/" + path)
                .then()
                .statusCode(201);
    }

    private static void createSiteAndGateway(String site, String gateway) {
        post(
                "sites",
                """
                {"id":"%s","name":"Suối Thử","commune":"Xã Thử","province":"Lào Cai","lat":22.25,"lon":103.98,
                 "flood":{"alarm1":2.0,"alarm2":3.0,"alarm3":4.0,"gaugeDatum":0,"provenance":"local-estimate"}}"""
                        .formatted(site));
        post("gateways", "{\"id\":\"" + gateway + "\",\"siteId\":\"" + site + "\"}");
        post(
                "sensors",
                "{\"id\":\"wl-"
                        + gateway
                        + "\",\"gatewayId\":\""
                        + gateway
                        + "\",\"quantity\":\"water_level\",\"expectedIntervalSeconds\":60}");
    }

    private static String claimCode(String gateway) {
        return given().post("/api/v1/gateways/" + gateway + "/claim-code")
                .then()
                .statusCode(201)
                .extract()
                .path("claimCode");
    }

    private static String csr(String cn, KeyPair keys) throws Exception {
        return CertificateAuthority.pem(
                new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
                        .build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(keys.getPrivate())));
    }

    private static ValidatableResponse claim(String gateway, String code, String csr) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("gatewayId", gateway, "claimCode", code, "csr", csr))
                .post("/api/v1/provisioning/claim")
                .then();
    }

    private Agent provision(String site, String gateway) throws Exception {
        createSiteAndGateway(site, gateway);
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        String pem =
                claim(gateway, claimCode(gateway), csr(gateway, keys))
                        .statusCode(200)
                        .body("brokerUri", equalTo(secure.uri()))
                        .body("topics.telemetry", equalTo("cb/v1/gw/" + gateway + "/telemetry"))
                        .body("config.gateway", equalTo(gateway))
                        .extract()
                        .path("certificate");
        return new Agent(GatewayId.of(gateway), keys, CertificateAuthority.readCertificate(pem));
    }

    private MqttTestClient connect(Agent agent) throws MqttException {
        secure.started();
        return MqttTestClient.connect(
                secure.uri(),
                agent.id().value(),
                agent.keys().getPrivate(),
                agent.cert(),
                ca.get().certificate());
    }

    private MqttTestClient ingest() throws MqttException {
        secure.started();
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        X509Certificate cert = services.issue(AclFile.INGEST, keys.getPublic());
        MqttTestClient c =
                MqttTestClient.connect(
                        secure.uri(),
                        "ingest-" + System.nanoTime(),
                        keys.getPrivate(),
                        cert,
                        ca.get().certificate());
        c.subscribe(MqttTopics.ALL_TELEMETRY);
        return c;
    }

    @Test
    void claimReturnsACertificateNamingTheGatewaySignedByTheRegistryCa() throws Exception {
        Agent agent = provision("prov-cert", "gw-prov-cert");

        agent.cert().verify(ca.get().certificate().getPublicKey());
        assertThat(agent.cert().getSubjectX500Principal().getName()).contains("CN=gw-prov-cert");
        assertThat(agent.cert().getSubjectAlternativeNames())
                .anySatisfy(
                        san ->
                                assertThat(san.get(1))
                                        .isEqualTo("urn:canhbao:gateway:gw-prov-cert"));
        assertThat(agent.cert().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(agent.cert().getPublicKey()).isEqualTo(agent.keys().getPublic());
        Duration validity =
                Duration.between(
                        agent.cert().getNotBefore().toInstant(),
                        agent.cert().getNotAfter().toInstant());
        assertThat(validity).isLessThanOrEqualTo(Duration.ofDays(31));
    }

    @Test
    void claimCodeComesWithAQrCodeAndIsStoredOnlyHashed() throws Exception {
        createSiteAndGateway("prov-qr", "gw-prov-qr");
        var created =
                given().post("/api/v1/gateways/gw-prov-qr/claim-code")
                        .then()
                        .statusCode(201)
                        .body("qrSvg", containsString("<svg"))
                        .body("claimUri", containsString("canhbao-claim:gw-prov-qr:"))
                        .extract();
        String code = created.path("claimCode");
        assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");

        try (var c = dataSource.getConnection();
                var rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT code_hash FROM claim_codes WHERE gateway_id ="
                                                + " 'gw-prov-qr'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ClaimCodes.hash(code)).doesNotContain(code);
        }
    }

    @Test
    void claimCodeUsedTwiceIsRefused() throws Exception {
        createSiteAndGateway("prov-twice", "gw-prov-twice");
        String code = claimCode("gw-prov-twice");
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        claim("gw-prov-twice", code, csr("gw-prov-twice", keys)).statusCode(200);

        KeyPair thief = CertificateAuthority.newEcKeyPair();
        claim("gw-prov-twice", code, csr("gw-prov-twice", thief))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ClaimRefused.TYPE))
                .body("field", equalTo("claimCode"))
                .body("detail", containsString("already used"));
    }

    @Test
    void concurrentClaimsWithOneCodeIssueExactlyOneCertificate() throws Exception {
        createSiteAndGateway("prov-race", "gw-prov-race");
        String code = claimCode("gw-prov-race");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                String request = csr("gw-prov-race", CertificateAuthority.newEcKeyPair());
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return claim("gw-prov-race", code, request)
                                            .extract()
                                            .statusCode();
                                }));
            }
            start.countDown();
            var statuses = new java.util.ArrayList<Integer>();
            for (var f : futures) {
                statuses.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 403).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        try (var c = dataSource.getConnection();
                var rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT count(*) FROM issued_certificates WHERE gateway_id"
                                                + " = 'gw-prov-race'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void expiredClaimCodeIsRefused() throws Exception {
        createSiteAndGateway("prov-expired", "gw-prov-expired");
        String code = claimCode("gw-prov-expired");
        try (var c = dataSource.getConnection()) {
            c.createStatement()
                    .executeUpdate(
                            "UPDATE claim_codes SET expires_at = now() - interval '1 minute'"
                                    + " WHERE gateway_id = 'gw-prov-expired'");
        }

        claim("gw-prov-expired", code, csr("gw-prov-expired", CertificateAuthority.newEcKeyPair()))
                .statusCode(403)
                .body("field", equalTo("claimCode"))
                .body("detail", containsString("expired"));
    }

    @Test
    void claimCodeOfAnotherGatewayIsRefusedAndStaysUsable() throws Exception {
        createSiteAndGateway("prov-other-a", "gw-prov-other-a");
        createSiteAndGateway("prov-other-b", "gw-prov-other-b");
        String codeOfA = claimCode("gw-prov-other-a");

        claim(
                        "gw-prov-other-b",
                        codeOfA,
                        csr("gw-prov-other-b", CertificateAuthority.newEcKeyPair()))
                .statusCode(403)
                .body("field", equalTo("claimCode"))
                .body("detail", containsString("another gateway"));
        claim(
                        "gw-prov-other-a",
                        codeOfA,
                        csr("gw-prov-other-a", CertificateAuthority.newEcKeyPair()))
                .statusCode(200);
    }

    @Test
    void badCsrIsRefusedNamingTheField() throws Exception {
        createSiteAndGateway("prov-badcsr", "gw-prov-badcsr");
        String code = claimCode("gw-prov-badcsr");

        claim(
                        "gw-prov-badcsr",
                        code,
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")
                .statusCode(400)
                .body("field", equalTo("csr"));
        claim("gw-prov-badcsr", code, csr("gw-someone-else", CertificateAuthority.newEcKeyPair()))
                .statusCode(400)
                .body("field", equalTo("csr"));
        // A refused request used nothing: the code still works.
        claim("gw-prov-badcsr", code, csr("gw-prov-badcsr", CertificateAuthority.newEcKeyPair()))
                .statusCode(200);
    }

    @Test
    void provisionedGatewayConnectsWithItsCertificateAndPublishes() throws Exception {
        Agent agent = provision("prov-pub", "gw-prov-pub");
        try (MqttTestClient ingest = ingest();
                MqttTestClient gateway = connect(agent)) {
            ingest.subscribe(MqttTopics.health(agent.id()));
            gateway.publish(MqttTopics.telemetry(agent.id()), "[{\"bn\":\"gw-prov-pub\"}]");
            gateway.publish(MqttTopics.health(agent.id()), "{\"schema\":\"cb.gateway-health.v1\"}");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !ingest.on(MqttTopics.telemetry(agent.id())).isEmpty());
            // the agent's heartbeat topic is in the ACL too
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !ingest.on(MqttTopics.health(agent.id())).isEmpty());
        }
    }

    @Test
    void oneIngestCertificateHoldsSeveralConnectionsWithTheirOwnClientIdsOnTheSharedSubscription()
            throws Exception {
        // given one service.ingest certificate, as one ingest instance with two MQTT connections
        // uses it: client ids "{id}" and "{id}.1" (IngestConfig.mqttClientIds)
        Agent agent = provision("prov-share", "gw-prov-share");
        secure.started();
        KeyPair keys = CertificateAuthority.newEcKeyPair();
        X509Certificate cert = services.issue(AclFile.INGEST, keys.getPublic());
        String id = "ingest-" + System.nanoTime();
        String shared = MqttTopics.sharedTelemetry("ingest");
        int messages = 20;
        try (MqttTestClient first =
                        MqttTestClient.connect(
                                secure.uri(), id, keys.getPrivate(), cert, ca.get().certificate());
                MqttTestClient second =
                        MqttTestClient.connect(
                                secure.uri(),
                                id + ".1",
                                keys.getPrivate(),
                                cert,
                                ca.get().certificate());
                MqttTestClient gateway = connect(agent)) {
            first.subscribe(shared);
            second.subscribe(shared);

            // when the gateway publishes
            for (int i = 0; i < messages; i++) {
                gateway.publish(MqttTopics.telemetry(agent.id()), "[{\"bn\":\"m" + i + "\"}]");
            }

            // then the broker (use_identity_as_username, ACL by user) let both connections in and
            // split the messages between them, each delivered once
            String topic = MqttTopics.telemetry(agent.id());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.on(topic).size() + second.on(topic).size() >= messages);
            assertThat(first.isConnected()).isTrue();
            assertThat(second.isConnected()).isTrue();
            assertThat(first.on(topic)).isNotEmpty();
            assertThat(second.on(topic)).isNotEmpty();
            java.util.List<String> all = new java.util.ArrayList<>();
            first.on(topic).forEach(r -> all.add(r.payload()));
            second.on(topic).forEach(r -> all.add(r.payload()));
            assertThat(all).hasSize(messages).doesNotHaveDuplicates();
        }
    }

    @Test
    void anotherGatewaysCertificateCannotPublishOrReadUnderItsTopics() throws Exception {
        Agent victim = provision("prov-victim", "gw-prov-victim");
        Agent other = provision("prov-intruder", "gw-prov-intruder");
        // The registry retains the victim's config: wait until it is there.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () ->
                                given().get("/api/v1/gateways/gw-prov-victim/config-status")
                                        .then()
                                        .body(
                                                "publishedVersion",
                                                org.hamcrest.Matchers.greaterThan(0)));
        try (MqttTestClient ingest = ingest();
                MqttTestClient intruder = connect(other)) {
            intruder.subscribe(MqttTopics.config(victim.id()));
            intruder.subscribe(MqttTopics.config(other.id()));
            intruder.publish(MqttTopics.telemetry(victim.id()), "forged");
            intruder.publish(MqttTopics.telemetry(other.id()), "own");

            // The intruder's own message comes through after the forged one would have.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !ingest.on(MqttTopics.telemetry(other.id())).isEmpty());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !intruder.on(MqttTopics.config(other.id())).isEmpty());
            assertThat(ingest.on(MqttTopics.telemetry(victim.id()))).isEmpty();
            assertThat(intruder.on(MqttTopics.config(victim.id()))).isEmpty();
        }
    }

    @Test
    void revokedCertificateIsRefusedAtConnect() throws Exception {
        Agent agent = provision("prov-revoke", "gw-prov-revoke");
        Agent bystander = provision("prov-bystander", "gw-prov-bystander");
        try (MqttTestClient before = connect(agent)) {
            assertThat(before.isConnected()).isTrue();
        }

        String serial = agent.cert().getSerialNumber().toString(16);
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"stolen\"}")
                .post("/api/v1/gateways/gw-prov-revoke/revoke")
                .then()
                .statusCode(200)
                .body("revokedSerials", org.hamcrest.Matchers.hasItem(serial));
        String crlPem =
                given().get("/api/v1/broker/crl").then().statusCode(200).extract().asString();
        X509CRL crl =
                (X509CRL)
                        CertificateFactory.getInstance("X.509")
                                .generateCRL(
                                        new ByteArrayInputStream(
                                                crlPem.getBytes(StandardCharsets.US_ASCII)));
        crl.verify(ca.get().certificate().getPublicKey());
        assertThat(crl.isRevoked(agent.cert())).isTrue();

        MosquittoBroker broker = secure.started();
        broker.reload(); // SIGHUP: Mosquitto rereads the exported CRL
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () ->
                                assertThatThrownBy(() -> connect(agent).close())
                                        .isInstanceOf(MqttException.class));
        // Only the revoked certificate is refused: another gateway still connects.
        try (MqttTestClient still = connect(bystander)) {
            assertThat(still.isConnected()).isTrue();
        }
    }

    @Test
    void retainedConfigReachesTheGatewayAndItsAcknowledgementsAreRecorded() throws Exception {
        Agent agent = provision("prov-config", "gw-prov-config");
        String topic = MqttTopics.config(agent.id());
        try (MqttTestClient gateway = connect(agent)) {
            gateway.subscribe(topic);
            JsonNode first =
                    await().atMost(Duration.ofSeconds(15))
                            .until(
                                    () ->
                                            gateway.on(topic).isEmpty()
                                                    ? null
                                                    : Json.mapper()
                                                            .readTree(
                                                                    gateway.on(topic)
                                                                            .get(
                                                                                    gateway.on(
                                                                                                            topic)
                                                                                                    .size()
                                                                                            - 1)
                                                                            .payload()),
                                    n -> n != null && n.get("version").asLong() == 3);
            assertThat(first.get("schema").asText()).isEqualTo("cb.gateway-config.v1");
            assertThat(first.get("sensors").get(0).asText()).isEqualTo("wl-gw-prov-config");
            assertThat(first.get("site").get("flood").get("alarm1").asDouble()).isEqualTo(2.0);

            gateway.publish(MqttTopics.configAck(agent.id()), "{\"version\":3,\"accepted\":true}");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () ->
                                    given().get("/api/v1/gateways/gw-prov-config/config-status")
                                            .then()
                                            .statusCode(200)
                                            .body("currentVersion", equalTo(3))
                                            .body("publishedVersion", equalTo(3))
                                            .body("lastAck.version", equalTo(3))
                                            .body("lastAck.accepted", equalTo(true)));

            // The site changes: a new version is retained, and refused by the gateway.
            given().contentType(ContentType.JSON)
                    .body(
                            """
                            {"name":"Suối Thử","commune":"Xã Thử","province":"Lào Cai","lat":22.25,"lon":103.98,
                             "flood":{"alarm1":2.5,"alarm2":3.0,"alarm3":4.0,"gaugeDatum":0,"provenance":"local-estimate"}}""")
                    .put("/api/v1/sites/prov-config")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(15))
                    .until(
                            () ->
                                    gateway.on(topic).stream()
                                            .anyMatch(r -> r.payload().contains("\"version\":4")));
            gateway.publish(
                    MqttTopics.configAck(agent.id()),
                    "{\"version\":4,\"accepted\":false,\"reason\":\"sensor wl-x unknown\"}");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () ->
                                    given().get("/api/v1/gateways/gw-prov-config/config-status")
                                            .then()
                                            .body("publishedVersion", equalTo(4))
                                            .body("lastAck.version", equalTo(4))
                                            .body("lastAck.accepted", equalTo(false))
                                            .body("lastAck.reason", equalTo("sensor wl-x unknown"))
                                            .body("acks.size()", equalTo(2)));
        }
    }

    @Test
    void brokerAclGrantsEachGatewayOnlyItsOwnTopics() {
        given().get("/api/v1/broker/acl")
                .then()
                .statusCode(200)
                .body(containsString("pattern write cb/v1/gw/%u/telemetry"))
                .body(containsString("pattern read cb/v1/gw/%u/config"))
                .body(org.hamcrest.Matchers.not(containsString("pattern write cb/v1/gw/%u/#")));
        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"decommissioned\"}")
                .post("/api/v1/gateways/gw-does-not-exist/revoke")
                .then()
                .statusCode(404)
                .body("field", equalTo("id"));
    }
}
