package vn.canhbao.registry.adminunit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.security.AuthOnProfile;

/**
 * The commune catalogue import against a real PostgreSQL with authentication on: a valid file is
 * applied and listed with its KV groups, a file with one bad row applies nothing, a re-import
 * changes nothing, a demo commune without a code is given its code, only an admin may import. The
 * names and codes are test fixtures, not catalogue data.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class CommuneImportIT {
    private static final String HEADER = "code,name,province_code,former_province_code\n";
    private static final String IMPORT = "/api/v1/admin-units/communes/import";

    private static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    private static RequestSpecification admin() {
        return as("admin", AuthOnProfile.ADMIN_PASSWORD);
    }

    private static JsonPath communes(String province) {
        return admin().queryParam("province", province)
                .get("/api/v1/admin-units/communes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static int auditedCommunes() {
        JsonPath audit =
                admin().queryParam("entityType", "communes")
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        return audit.getList("$").size();
    }

    @Test
    void aValidFileIsAppliedListedWithKvGroupsAuditedOnceAndReimportChangesNothing() {
        // Cao Bằng (04) holds only the former Cao Bằng (04, KV2).
        String csv =
                HEADER
                        + "90001,Xã Thử Nghiệm An,04,04\n"
                        + "90002,\"Phường Thử Nghiệm, Bình\",04,04\n"
                        + "90003,Xã Thử Nghiệm Chưa Rõ,04,\n";
        int audited = auditedCommunes();

        admin().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post(IMPORT)
                .then()
                .statusCode(200)
                .body("applied", equalTo(true))
                .body("rows", equalTo(3))
                .body("inserted", equalTo(3))
                .body("issues", hasSize(0));

        JsonPath listed = communes("04");
        assertThat(listed.getList("code")).containsExactlyInAnyOrder("90001", "90002", "90003");
        assertThat(listed.getString("find { it.code == '90002' }.name"))
                .isEqualTo("Phường Thử Nghiệm, Bình");
        assertThat(listed.getString("find { it.code == '90001' }.province")).isEqualTo("Cao Bằng");
        assertThat(listed.getString("find { it.code == '90001' }.formerProvince"))
                .isEqualTo("Cao Bằng");
        assertThat(listed.getString("find { it.code == '90001' }.kvGroup")).isEqualTo("KV2");
        assertThat(listed.getString("find { it.code == '90003' }.formerProvinceCode")).isNull();
        assertThat(listed.getString("find { it.code == '90003' }.kvGroup")).isNull();

        assertThat(auditedCommunes()).isEqualTo(audited + 1);
        JsonPath entry =
                admin().queryParam("entityType", "communes")
                        .queryParam("limit", 1)
                        .get("/api/v1/audit")
                        .then()
                        .extract()
                        .jsonPath();
        assertThat(entry.getString("[0].actor")).isEqualTo("admin");
        assertThat(entry.getString("[0].action")).isEqualTo("import");
        assertThat(entry.getInt("[0].after.inserted")).isEqualTo(3);
        assertThat(entry.getInt("[0].after.communes"))
                .isEqualTo(entry.getInt("[0].before.communes") + 3);

        // The same file again: nothing changes, and the import is still recorded.
        admin().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post(IMPORT)
                .then()
                .statusCode(200)
                .body("applied", equalTo(true))
                .body("inserted", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(3));
        assertThat(communes("04").getList("code")).hasSize(3);
        assertThat(auditedCommunes()).isEqualTo(audited + 2);
    }

    @Test
    void aFileWithOneBadRowIsReportedAndNothingIsApplied() {
        // Lào Cai (former 10) was merged into province 15, not Điện Biên (11).
        String csv =
                HEADER
                        + "90011,Xã Thử Hỏng Một,11,11\n"
                        + "90012,Xã Thử Hỏng Hai,11,10\n"
                        + "90013,Xã Thử Hỏng Ba,11,\n";

        admin().contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post(IMPORT)
                .then()
                .statusCode(422)
                .body("applied", equalTo(false))
                .body("inserted", equalTo(0))
                .body("issues", hasSize(1))
                .body("issues[0].row", equalTo(3))
                .body("issues[0].field", equalTo("former_province_code"))
                .body("issues[0].reason", containsString("merged into province 15, not 11"));

        assertThat(communes("11").getList("code")).isEmpty();

        admin().contentType("text/csv; charset=UTF-8")
                .body(
                        HEADER
                                + "90014,Xã Thử Hỏng Bốn,11,11\n"
                                + "9001,Xã Thử Hỏng Năm,9,\n"
                                + "90016,Xã Thử Hỏng Sáu,99,\n")
                .post(IMPORT)
                .then()
                .statusCode(422)
                .body("issues.row", org.hamcrest.Matchers.contains(3, 3, 4))
                .body(
                        "issues.field",
                        org.hamcrest.Matchers.contains("code", "province_code", "province_code"))
                .body("issues[0].reason", containsString("got 9001"))
                .body("issues[2].reason", containsString("no province has code 99"));
        assertThat(communes("11").getList("code")).isEmpty();
    }

    @Test
    void aDemoCommuneWithoutCodeIsMatchedByProvinceAndNameAndGivenItsCode() {
        assertThat(communes("48").getList("findAll { it.name == 'Xã Trà Leng' }.code"))
                .containsExactly((Object) null);

        admin().contentType("text/csv; charset=UTF-8")
                .body(HEADER + "90021,Xã Trà Leng,48,49\n")
                .post(IMPORT)
                .then()
                .statusCode(200)
                .body("inserted", equalTo(0))
                .body("updated", equalTo(1));

        JsonPath listed = communes("48");
        assertThat(listed.getList("findAll { it.name == 'Xã Trà Leng' }.code"))
                .containsExactly("90021");
        assertThat(listed.getString("find { it.code == '90021' }.kvGroup")).isEqualTo("KV3");
    }

    @Test
    void onlyAnAdminMayImport() {
        for (String role : new String[] {"technician", "viewer"}) {
            int status =
                    admin().contentType(ContentType.JSON)
                            .body(
                                    "{\"username\":\"%s-c\",\"password\":\"%s-password-c\",\"role\":\"%s\"}"
                                            .formatted(role, role, role))
                            .post("/api/v1/users")
                            .statusCode();
            assertThat(status).isIn(201, 409);

            as(role + "-c", role + "-password-c")
                    .contentType("text/csv; charset=UTF-8")
                    .body(HEADER + "90031,Xã Thử Quyền,04,04\n")
                    .post(IMPORT)
                    .then()
                    .statusCode(403)
                    .contentType(containsString("problem+json"));
        }
        assertThat(communes("04").getList("code")).doesNotContain("90031");
        given().contentType("text/csv; charset=UTF-8")
                .body(HEADER + "90031,Xã Thử Quyền,04,04\n")
                .post(IMPORT)
                .then()
                .statusCode(401);
    }
}
