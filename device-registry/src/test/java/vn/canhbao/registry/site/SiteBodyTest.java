package vn.canhbao.registry.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.ThresholdProvenance;

class SiteBodyTest {

    static FloodBody demoFlood() {
        return new FloodBody(2.0, 3.0, 4.0, null, 0.0, "local-estimate");
    }

    static SiteBody namCang(FloodBody flood) {
        return new SiteBody(
                "nam-cang", "Suối Nậm Cang", "Xã Nậm Cang", "Lào Cai", 22.2519, 103.9806, flood);
    }

    @Test
    void acceptsTheDemoSiteWithItsAlarmLevels() {
        Site site = namCang(demoFlood()).toSite();

        assertThat(site.id()).isEqualTo(SiteId.of("nam-cang"));
        assertThat(site.location().lat()).isEqualTo(22.2519);
        assertThat(site.flood())
                .hasValueSatisfying(
                        f -> {
                            assertThat(f.alarm2()).isEqualTo(3.0);
                            assertThat(f.historical()).isEmpty();
                            assertThat(f.provenance())
                                    .isEqualTo(ThresholdProvenance.LOCAL_ESTIMATE);
                        });
    }

    @Test
    void siteWithoutFloodBlockHasNoAlarmLevels() {
        assertThat(namCang(null).toSite().flood()).isEmpty();
    }

    @Test
    void rejectsLatitudeOutOfRangeNamingLat() {
        SiteBody body = new SiteBody("nam-cang", "n", "c", "p", 200.0, 103.0, null);

        assertThatThrownBy(body::toSite)
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("lat");
                            assertThat(e.value()).isEqualTo("200.0");
                        });
    }

    @Test
    void rejectsAlarm2BelowAlarm1NamingFloodAlarm2() {
        SiteBody body = namCang(new FloodBody(3.0, 2.5, 4.0, null, 0.0, "local-estimate"));

        assertThatThrownBy(body::toSite)
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("flood.alarm2"));
    }

    @Test
    void rejectsUnknownProvenanceNamingTheRequestField() {
        SiteBody body = namCang(new FloodBody(2.0, 3.0, 4.0, null, 0.0, "guess"));

        assertThatThrownBy(body::toSite)
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("flood.provenance");
                            assertThat(e.value()).isEqualTo("\"guess\"");
                        });
    }

    @Test
    void rejectsMissingAndMalformedFields() {
        assertThatThrownBy(() -> new SiteBody(null, "n", "c", "p", 1.0, 1.0, null).toSite())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> new SiteBody("Nam Cang", "n", "c", "p", 1.0, 1.0, null).toSite())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> new SiteBody("a", " ", "c", "p", 1.0, 1.0, null).toSite())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> new SiteBody("a", "n", "c", "p", 1.0, null, null).toSite())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("lon"));
    }

    @Test
    void putBodyMayOmitTheIdButMustNotContradictThePath() {
        SiteBody withoutId = new SiteBody(null, "n", "c", "p", 1.0, 1.0, null);
        assertThat(withoutId.toSite(SiteId.of("ta-van")).id()).isEqualTo(SiteId.of("ta-van"));

        assertThatThrownBy(() -> namCang(null).toSite(SiteId.of("ta-van")))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void floodBodyRoundTripsThroughThresholds() {
        FloodBody body = new FloodBody(2.0, 3.0, 4.0, 5.5, 120.3, "ubnd-tinh");

        assertThat(FloodBody.of(body.toThresholds())).isEqualTo(body);
    }
}
