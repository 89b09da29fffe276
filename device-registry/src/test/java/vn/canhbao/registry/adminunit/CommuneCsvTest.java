package vn.canhbao.registry.adminunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.importer.ImportIssue;

class CommuneCsvTest {
    private static final String HEADER = "code,name,province_code,former_province_code\n";

    @Test
    void validRowsAreReadWithAnEmptyFormerProvinceAsAbsent() {
        CommuneCsv.Parsed p =
                CommuneCsv.parse("\uFEFF" + HEADER + "90001, Xã A ,04,04\r\n90002,Xã B,04,\r\n");

        assertThat(p.issues()).isEmpty();
        assertThat(p.communes())
                .containsExactly(
                        new CommuneCsv.Row(2, "90001", "Xã A", "04", Optional.of("04")),
                        new CommuneCsv.Row(3, "90002", "Xã B", "04", Optional.empty()));
    }

    @Test
    void everyBadRowIsReportedWithLineFieldAndValue() {
        CommuneCsv.Parsed p =
                CommuneCsv.parse(
                        HEADER
                                + "9001,Xã A,04,04\n"
                                + "90002,,04,04\n"
                                + "90003,Xã C,4,04\n"
                                + "90004,Xã D,04,x\n"
                                + "90005,"
                                + "a".repeat(201)
                                + ",04,\n"
                                + "90006,Xã F,04\n");

        assertThat(p.communes()).isEmpty();
        assertThat(p.issues())
                .extracting(ImportIssue::row, ImportIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "code"),
                        org.assertj.core.groups.Tuple.tuple(3, "name"),
                        org.assertj.core.groups.Tuple.tuple(4, "province_code"),
                        org.assertj.core.groups.Tuple.tuple(5, "former_province_code"),
                        org.assertj.core.groups.Tuple.tuple(6, "name"),
                        org.assertj.core.groups.Tuple.tuple(7, "body"));
        assertThat(p.issues().get(0).reason()).contains("got 9001");
        assertThat(p.issues().get(3).reason()).contains("got x");
    }

    @Test
    void duplicateCodesAndNamesInAProvinceAreReportedAgainstTheirFirstLine() {
        String composed = "Xã Tả Van";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        CommuneCsv.Parsed p =
                CommuneCsv.parse(
                        HEADER
                                + "90001,"
                                + composed
                                + ",15,10\n"
                                + "90001,Xã Khác,15,10\n"
                                + "90003,"
                                + decomposed
                                + ",15,10\n"
                                + "90004,"
                                + composed
                                + ",48,49\n");

        assertThat(p.issues())
                .extracting(ImportIssue::row, ImportIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "code"),
                        org.assertj.core.groups.Tuple.tuple(4, "name"));
        assertThat(p.issues().get(1).reason()).contains("first on line 2");
        assertThat(p.communes()).extracting(CommuneCsv.Row::code).containsExactly("90001", "90004");
    }

    @Test
    void aMissingOrUnknownColumnRefusesTheHeader() {
        CommuneCsv.Parsed p =
                CommuneCsv.parse("code,name,province,former_province_code\n1,2,3,4\n");

        assertThat(p.rows()).isEqualTo(1);
        assertThat(p.communes()).isEmpty();
        assertThat(p.issues())
                .extracting(ImportIssue::row, ImportIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "province"),
                        org.assertj.core.groups.Tuple.tuple(1, "province_code"));
    }
}
