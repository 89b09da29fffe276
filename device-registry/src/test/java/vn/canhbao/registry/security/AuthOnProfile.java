package vn.canhbao.registry.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Authentication switched on, with the bootstrap admin {@code admin} / {@link #ADMIN_PASSWORD}. */
public class AuthOnProfile implements QuarkusTestProfile {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "canhbao.registry.auth.enabled",
                "true",
                "canhbao.registry.auth.bootstrap-admin-password",
                ADMIN_PASSWORD);
    }
}
