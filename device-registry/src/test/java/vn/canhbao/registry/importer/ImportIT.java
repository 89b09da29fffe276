package vn.canhbao.registry.importer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RealInfrastructure;

/** Bulk import through the REST API against a real PostgreSQL: all or nothing, dry run, audit. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class ImportIT {
    private static final String HEADER =
            "id,name,commune,province,lat,lon,landslide_susceptibility\n";

    @Test
    void aFileWithOneBadRowIsReportedAndNothingIsApplied() {
        String csv =
                HEADER
                        + "imp-a-1,A,Xã Tả Van,Lào Cai,22.3,103.9,cao\n"
                        + "imp-a-2,B,Xã Tả Van,Lào Cai,22.3,103.9,extreme\n"
                        + "imp-a-3,C,Xã Tả Van,Lào Cai,22.3,103.9,\n";

        given().contentType("text/csv")
                .body(csv)
                .post("/api/v1/import/sites")
                .then()
                .statusCode(422)
                .body("applied", equalTo(false))
                .body("issues", hasSize(1))
                .body("issues[0].row", equalTo(3))
                .body("issues[0].field", equalTo("landslide_susceptibility"));

        given().get("/api/v1/sites/imp-a-1").then().statusCode(404);
        given().get("/api/v1/sites/imp-a-3").then().statusCode(404);
    }

    @Test
    void aDryRunReportsWithoutApplyingAndTheRealRunAppliesEverythingAudited() {
        String csv =
                HEADER
                        + "imp-b-1,A,Xã Tả Van,Lào Cai,22.3,103.9,cao\n"
                        + "imp-b-2,B,Xã Tả Van,Lào Cai,22.3,103.9,\n";

        given().contentType("text/csv")
                .body(csv)
                .queryParam("dryRun", true)
                .post("/api/v1/import/sites")
                .then()
                .statusCode(200)
                .body("applied", equalTo(false))
                .body("dryRun", equalTo(true))
                .body("sites", equalTo(2));
        given().get("/api/v1/sites/imp-b-1").then().statusCode(404);

        given().contentType("text/csv")
                .body(csv)
                .post("/api/v1/import/sites")
                .then()
                .statusCode(200)
                .body("applied", equalTo(true));
        given().get("/api/v1/sites/imp-b-2").then().statusCode(200).body("version", equalTo(1));
        given().queryParam("entityId", "imp-b-1")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("[0].action", equalTo("import"))
                .body("[0].after.landslideSusceptibility", equalTo("cao"));

        // The same file again: every row collides with the database, nothing changes.
        given().contentType("text/csv")
                .body(csv)
                .post("/api/v1/import/sites")
                .then()
                .statusCode(422)
                .body("issues.field", org.hamcrest.Matchers.contains("id", "id"));
    }

    @Test
    void sensorsAreImportedOntoExistingGatewaysAllOrNothing() {
        given().contentType("application/geo+json")
                .body(
                        """
                        {"type":"FeatureCollection","features":[
                         {"type":"Feature","geometry":{"type":"Point","coordinates":[108.06,15.28,300]},
                          "properties":{"id":"imp-c","name":"Sông Tranh","commune":"Xã Trà Leng","province":"Đà Nẵng","hazards":["flood"]}}]}""")
                .post("/api/v1/import/sites")
                .then()
                .statusCode(200)
                .body("applied", equalTo(true));
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"gw-imp-c\",\"siteId\":\"imp-c\"}")
                .post("/api/v1/gateways")
                .then()
                .statusCode(201);
        String header = "id,gateway_id,quantity,expected_interval_seconds,kind\n";

        given().contentType("text/csv")
                .body(
                        header
                                + "wl-imp-c,gw-imp-c,water_level,60,radar\n"
                                + "rg-imp-c,gw-nowhere,rain,60,\n")
                .post("/api/v1/import/sensors")
                .then()
                .statusCode(422)
                .body("issues[0].row", equalTo(3))
                .body("issues[0].field", equalTo("gateway_id"));
        given().get("/api/v1/sensors/wl-imp-c").then().statusCode(404);

        given().contentType("text/csv")
                .body(
                        header
                                + "wl-imp-c,gw-imp-c,water_level,60,radar\n"
                                + "rg-imp-c,gw-imp-c,rain,60,\n")
                .post("/api/v1/import/sensors")
                .then()
                .statusCode(200)
                .body("sensors", equalTo(2));
        given().get("/api/v1/sensors/wl-imp-c")
                .then()
                .statusCode(200)
                .body("kind", equalTo("radar"));
        int version = given().get("/api/v1/sites/imp-c").then().extract().path("version");
        assertThat(version).isEqualTo(3);
        given().get("/api/v1/sites/imp-c/config")
                .then()
                .statusCode(200)
                .body("sensors", hasSize(2));
    }

    @Test
    void theAdministrativeUnitsMapCommunesToTheirFormerProvinceAndKvGroup() {
        given().queryParam("province", "48")
                .get("/api/v1/admin-units/communes")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo("Xã Trà Leng"))
                .body("[0].formerProvince", equalTo("Quảng Nam"))
                .body("[0].kvGroup", equalTo("KV3"));
    }

    @Test
    void the34ProvincesHoldThe63FormerProvincesWithTheirKvGroups() {
        io.restassured.path.json.JsonPath provinces =
                given().get("/api/v1/admin-units/provinces")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(provinces.getList("code")).hasSize(34).doesNotHaveDuplicates();
        assertThat(
                        provinces.getList("formerProvinces.code").stream()
                                .flatMap(l -> ((java.util.List<?>) l).stream())
                                .distinct()
                                .count())
                .isEqualTo(63);
        assertThat(provinces.getList("find { it.code == '15' }.formerProvinces.name"))
                .containsExactly("Lào Cai", "Yên Bái");
        assertThat(provinces.getList("find { it.code == '15' }.formerProvinces.kvGroup"))
                .containsOnly("KV1");
        assertThat(provinces.getList("find { it.code == '48' }.formerProvinces.name"))
                .containsExactly("Đà Nẵng", "Quảng Nam");
        java.util.List<Object> kv =
                provinces.getList("formerProvinces.kvGroup").stream()
                        .flatMap(l -> ((java.util.List<?>) l).stream())
                        .map(Object.class::cast)
                        .toList();
        // Annex XII as quoted in the reference: 7 + 7 + 14 + 7 provinces (Khánh Hòa left out).
        assertThat(kv).filteredOn("KV1"::equals).hasSize(7);
        assertThat(kv).filteredOn("KV2"::equals).hasSize(7);
        assertThat(kv).filteredOn("KV3"::equals).hasSize(14);
        assertThat(kv).filteredOn("KV4"::equals).hasSize(7);
    }
}
