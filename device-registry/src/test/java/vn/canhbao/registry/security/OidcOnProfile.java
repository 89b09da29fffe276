package vn.canhbao.registry.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Authentication in {@code oidc} mode against a test identity provider that exists only as a key
 * pair ({@link OidcTestKeys}): quarkus-oidc verifies tokens with {@code quarkus.oidc.public-key},
 * no server is contacted. Roles come from Keycloak's {@code realm_access/roles}. The bootstrap
 * admin keeps HTTP Basic.
 */
public class OidcOnProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "canhbao.registry.auth.enabled",
                "true",
                "canhbao.registry.auth.mode",
                "oidc",
                "canhbao.registry.auth.bootstrap-admin-password",
                AuthOnProfile.ADMIN_PASSWORD,
                "quarkus.oidc.tenant-enabled",
                "true",
                "quarkus.oidc.public-key",
                OidcTestKeys.publicKeyBase64(),
                "quarkus.oidc.token.issuer",
                OidcTestKeys.ISSUER,
                "quarkus.oidc.token.audience",
                OidcTestKeys.AUDIENCE,
                "quarkus.oidc.roles.role-claim-path",
                "realm_access/roles");
    }
}
