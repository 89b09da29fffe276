package vn.canhbao.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RegistryConfig.Auth.Mode;

class BearerTokensTest {
    @Test
    void oidcModeWithTheTenantSwitchedOffIsRefusedAtStart() {
        assertThat(BearerTokens.misconfiguration(true, Mode.OIDC, false))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("quarkus.oidc.tenant-enabled=true"));
    }

    @Test
    void theShippedDefaultsAndAConsistentOidcSwitchStart() {
        assertThat(BearerTokens.misconfiguration(true, Mode.BASIC, false)).isEmpty();
        assertThat(BearerTokens.misconfiguration(true, Mode.OIDC, true)).isEmpty();
        assertThat(BearerTokens.misconfiguration(false, Mode.OIDC, false)).isEmpty();
    }

    @Test
    void bearerHeadersAreParsedCaseInsensitivelyAndEmptyTokensIgnored() {
        assertThat(AuthFilter.bearer("Bearer abc.def.ghi")).contains("abc.def.ghi");
        assertThat(AuthFilter.bearer("bearer  abc ")).contains("abc");
        assertThat(AuthFilter.bearer("Bearer ")).isEmpty();
        assertThat(AuthFilter.bearer("Basic YWRtaW46eA==")).isEmpty();
        assertThat(AuthFilter.bearer(null)).isEmpty();
    }
}
