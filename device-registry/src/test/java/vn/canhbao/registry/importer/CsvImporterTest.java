package vn.canhbao.registry.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvImporterTest {
    private static final String SITES =
            """
            id,name,commune,province,lat,lon,elevation,landslide_susceptibility,hazards,alarm1,alarm2,alarm3,gauge_datum,provenance
            s-1,"Suối Nậm Cang, thượng nguồn",Xã Nậm Cang,Lào Cai,22.25,103.98,1200,rat-cao,flood;landslide,2,3,4,0,local-estimate
            s-2,Sông Tranh,Xã Trà Leng,Đà Nẵng,15.28,108.06,,,,,,,,
            """;

    @Test
    void validSitesAreParsedWithQuotedCommasProfileAndFlood() {
        ParsedImport p = CsvImporter.sites(SITES);

        assertThat(p.issues()).isEmpty();
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.sites()).hasSize(2);
        assertThat(p.sites().get(0).site().name()).isEqualTo("Suối Nậm Cang, thượng nguồn");
        assertThat(p.sites().get(0).site().flood()).isPresent();
        assertThat(p.sites().get(0).site().profile().hazards()).hasSize(2);
        assertThat(p.sites().get(1).site().flood()).isEmpty();
    }

    @Test
    void everyBadRowIsReportedWithLineFieldAndValue() {
        String csv =
                """
                id,name,commune,province,lat,lon,alarm1,alarm2,alarm3,gauge_datum,provenance
                ok-1,A,Xã A,Lào Cai,22,103,,,,,
                Bad Id,B,Xã B,Lào Cai,22,103,,,,,
                ok-2,C,Xã C,Lào Cai,95,103,,,,,
                ok-3,D,Xã D,Lào Cai,22,abc,,,,,
                ok-4,E,Xã E,Lào Cai,22,103,3,2,4,0,local-estimate
                ok-1,F,Xã F,Lào Cai,22,103,,,,,
                ok-5,G,Xã G,Lào Cai,22
                """;

        ParsedImport p = CsvImporter.sites(csv);

        assertThat(p.rows()).isEqualTo(7);
        assertThat(p.issues())
                .extracting(ImportIssue::row, ImportIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "id"),
                        org.assertj.core.groups.Tuple.tuple(4, "lat"),
                        org.assertj.core.groups.Tuple.tuple(5, "lon"),
                        org.assertj.core.groups.Tuple.tuple(6, "alarm2"),
                        org.assertj.core.groups.Tuple.tuple(7, "id"),
                        org.assertj.core.groups.Tuple.tuple(8, "body"));
        assertThat(p.issues().get(2).reason()).contains("abc");
    }

    @Test
    void unknownAndMissingColumnsAreReportedOnTheHeaderLine() {
        ParsedImport p = CsvImporter.sensors("id,gateway,quantity\nwl-1,gw-1,water_level\n");

        assertThat(p.sensors()).isEmpty();
        assertThat(p.issues())
                .extracting(ImportIssue::field)
                .containsExactlyInAnyOrder("gateway", "gateway_id", "expected_interval_seconds");
        assertThat(p.issues()).allSatisfy(i -> assertThat(i.row()).isEqualTo(1));
    }

    @Test
    void sensorsWithKindAndCalibration() {
        ParsedImport p =
                CsvImporter.sensors(
                        "id,gateway_id,quantity,expected_interval_seconds,scale,offset,kind\r\n"
                                + "wl-1,gw-1,water_level,60,0.01,-0.5,radar\r\n"
                                + "rg-1,gw-1,rain,60,,,tipping-bucket\r\n"
                                + "x-1,gw-1,waterlevel,60,,,\r\n");

        assertThat(p.sensors()).hasSize(2);
        assertThat(p.sensors().get(0).kind()).contains("radar");
        assertThat(p.sensors().get(0).sensor().scale()).isEqualTo(0.01);
        assertThat(p.issues())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.row()).isEqualTo(4);
                            assertThat(i.field()).isEqualTo("quantity");
                        });
    }

    @Test
    void anUnclosedQuoteIsOneIssueForTheFile() {
        ParsedImport p = CsvImporter.sites("id,name\n\"a,b\n");

        assertThat(p.issues())
                .singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("body"));
        assertThat(p.sites()).isEmpty();
    }
}
