package vn.canhbao.registry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.SiteId;

class GatewayBodyTest {

    @Test
    void nameDefaultsToTheId() {
        Gateway g = new GatewayBody("gw-nam-cang", "nam-cang", null).toGateway();

        assertThat(g.name()).isEqualTo("gw-nam-cang");
        assertThat(g.site()).isEqualTo(SiteId.of("nam-cang"));
    }

    @Test
    void rejectsMissingSiteNamingSiteId() {
        assertThatThrownBy(() -> new GatewayBody("gw-1", null, "x").toGateway())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("siteId"));
    }
}
