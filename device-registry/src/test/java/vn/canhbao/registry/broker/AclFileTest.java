package vn.canhbao.registry.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AclFileTest {

    @Test
    void gatewaysGetOnlyTheirOwnSubtreeAndServicesTheirNeeds() {
        String acl = AclFile.text();

        assertThat(acl)
                .contains("pattern write cb/v1/gw/%u/telemetry")
                .contains("pattern write cb/v1/gw/%u/config/ack")
                .contains("pattern write cb/v1/gw/%u/health")
                .contains("topic read cb/v1/gw/+/health")
                .contains("pattern read cb/v1/gw/%u/cmd/#")
                .contains("pattern write cb/v1/gw/%u/snapshot/#")
                .contains("user service.ops\ntopic write cb/v1/gw/+/cmd/#")
                .contains("pattern read cb/v1/gw/%u/config\n")
                .doesNotContain("pattern write cb/v1/gw/%u/config\n")
                .doesNotContain("pattern readwrite")
                .contains("user service.ingest\ntopic read cb/v1/gw/+/telemetry")
                .contains("user service.registry\ntopic write cb/v1/gw/+/config\n");
        // Service identities cannot be gateway ids (a gateway id has no dot).
        assertThat(AclFile.INGEST).contains(".");
        assertThat(AclFile.REGISTRY).contains(".");
    }
}
