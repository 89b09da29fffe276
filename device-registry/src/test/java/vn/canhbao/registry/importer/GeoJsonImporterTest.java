package vn.canhbao.registry.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeoJsonImporterTest {
    @Test
    void pointFeaturesBecomeSitesWithElevationFromTheThirdCoordinate() {
        ParsedImport p =
                GeoJsonImporter.sites(
                        """
                        {"type":"FeatureCollection","features":[
                         {"type":"Feature","geometry":{"type":"Point","coordinates":[103.8921,22.3155,1500]},
                          "properties":{"id":"ta-van-2","name":"Suối Mường Hoa","commune":"Xã Tả Van","province":"Lào Cai",
                           "landslideSusceptibility":"cao","hazards":["flash_flood"],
                           "flood":{"alarm1":2,"alarm2":3,"alarm3":4,"gaugeDatum":0,"provenance":"local-estimate"}}}]}""");

        assertThat(p.issues()).isEmpty();
        assertThat(p.sites())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.site().location().lat()).isEqualTo(22.3155);
                            assertThat(r.site().profile().elevationMetres().getAsDouble())
                                    .isEqualTo(1500);
                            assertThat(r.site().flood()).isPresent();
                        });
    }

    @Test
    void badFeaturesAreReportedByNumberAndProperty() {
        ParsedImport p =
                GeoJsonImporter.sites(
                        """
                        {"type":"FeatureCollection","features":[
                         {"type":"Feature","geometry":{"type":"Point","coordinates":[103.9,22.3]},
                          "properties":{"id":"g-1","name":"A","commune":"X","province":"Lào Cai"}},
                         {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},
                          "properties":{"id":"g-2","name":"B","commune":"X","province":"Lào Cai"}},
                         {"type":"Feature","geometry":{"type":"Point","coordinates":[103.9,22.3]},
                          "properties":{"id":"g-3","name":7,"commune":"X","province":"Lào Cai"}},
                         {"type":"Feature","geometry":{"type":"Point","coordinates":[103.9,22.3]},
                          "properties":{"id":"g-4","name":"D","commune":"X","province":"Lào Cai","landslideSusceptibility":"extreme"}}]}""");

        assertThat(p.sites()).hasSize(1);
        assertThat(p.issues())
                .extracting(ImportIssue::row, ImportIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "geometry.coordinates"),
                        org.assertj.core.groups.Tuple.tuple(3, "properties.name"),
                        org.assertj.core.groups.Tuple.tuple(
                                4, "properties.landslideSusceptibility"));
    }

    @Test
    void notGeoJsonIsOneIssueForTheFile() {
        assertThat(GeoJsonImporter.sites("{\"type\":\"Feature\"}").issues())
                .singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("type"));
        assertThat(GeoJsonImporter.sites("{not json").issues()).hasSize(1);
        assertThat(GeoJsonImporter.sites("").issues()).hasSize(1);
    }
}
