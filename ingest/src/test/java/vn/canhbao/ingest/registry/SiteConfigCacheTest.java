package vn.canhbao.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.SiteId;

class SiteConfigCacheTest {
    static final GatewayId GW = TestSites.GW;

    static SiteConfig site(long version, String... sensors) {
        return TestSites.site(version, sensors);
    }

    private final SiteConfigCache cache = new SiteConfigCache();

    @Test
    void knownSensorsCarryTheirSiteCommuneAndProvince() {
        cache.apply(site(1, "wl-ta-van", "rg-ta-van"));

        assertThat(cache.lookup(GW, SensorId.of("rg-ta-van")))
                .contains(
                        new SensorPlace(
                                SiteId.of("ta-van"), "Xã Tả Van", "Lào Cai", Quantity.RAIN));
        assertThat(cache.lookup(GW, SensorId.of("xx-ta-van"))).isEmpty();
        assertThat(cache.lookup(GatewayId.of("gw-other"), SensorId.of("rg-ta-van"))).isEmpty();
    }

    @Test
    void aNewerVersionReplacesTheSensorsAnOlderOneIsIgnoredATombstoneRemovesTheSite() {
        cache.apply(site(2, "wl-ta-van"));
        cache.apply(site(1, "wl-ta-van", "rg-ta-van"));
        assertThat(cache.lookup(GW, SensorId.of("rg-ta-van"))).isEmpty();

        cache.apply(site(3, "rg-ta-van"));
        assertThat(cache.lookup(GW, SensorId.of("rg-ta-van"))).isPresent();
        assertThat(cache.lookup(GW, SensorId.of("wl-ta-van"))).isEmpty();

        cache.remove(SiteId.of("ta-van"));
        assertThat(cache.size()).isZero();
    }
}
