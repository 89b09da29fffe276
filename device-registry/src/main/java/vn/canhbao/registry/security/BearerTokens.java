package vn.canhbao.registry.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import vn.canhbao.registry.RegistryConfig;

/**
 * Verifies {@code Authorization: Bearer} JWTs with quarkus-oidc's default tenant (signature against
 * the provider's keys or {@code quarkus.oidc.public-key}, expiry, issuer and audience as configured
 * under {@code quarkus.oidc.*}) and maps the token's roles (the claim named by {@code
 * quarkus.oidc.roles.role-claim-path}) to a canhbao {@link Role}. Used by {@link AuthFilter} only
 * when {@code canhbao.registry.auth.mode=oidc}. Blocks the calling (worker) thread while verifying.
 */
@ApplicationScoped
public class BearerTokens {
    private static final Logger LOG = Logger.getLogger(BearerTokens.class);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    /** A verified token: the audit actor ({@code oidc:} + the token subject) and its role. */
    public record Caller(String actor, String subject, Role role) {}

    /** A verified token that carries none of the four canhbao roles in the role claim. */
    public static final class NoRole extends RuntimeException {
        private final Set<String> roles;

        NoRole(String subject, Set<String> roles) {
            super("token of " + subject + " carries no canhbao role, only " + roles);
            this.roles = Set.copyOf(roles);
        }

        /** The role names the token carried (none of them a canhbao role). */
        public Set<String> roles() {
            return roles;
        }
    }

    private final TenantIdentityProvider identities;

    public BearerTokens(TenantIdentityProvider identities) {
        this.identities = identities;
    }

    /** Refuses to start in {@code oidc} mode while the OIDC tenant is switched off. */
    void checkConfiguration(@Observes StartupEvent event, RegistryConfig config) {
        boolean tenantEnabled =
                ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class)
                        .orElse(true);
        misconfiguration(config.auth().enabled(), config.auth().mode(), tenantEnabled)
                .ifPresent(
                        problem -> {
                            throw new IllegalStateException(problem);
                        });
        if (config.auth().enabled() && config.auth().mode() == RegistryConfig.Auth.Mode.OIDC) {
            LOG.infof(
                    "Bearer tokens accepted (OIDC), roles from claim %s; HTTP Basic against the"
                            + " local user store still accepted",
                    roleClaimPath());
        }
    }

    /** Why the authentication settings cannot work, if they cannot. */
    static Optional<String> misconfiguration(
            boolean authEnabled, RegistryConfig.Auth.Mode mode, boolean tenantEnabled) {
        if (authEnabled && mode == RegistryConfig.Auth.Mode.OIDC && !tenantEnabled) {
            return Optional.of(
                    "canhbao.registry.auth.mode=oidc needs quarkus.oidc.tenant-enabled=true"
                            + " (and quarkus.oidc.auth-server-url or quarkus.oidc.public-key)");
        }
        return Optional.empty();
    }

    /**
     * @return the caller, or empty when the token is refused (bad signature, expired, wrong issuer
     *     or audience, malformed)
     * @throws NoRole when the token is valid but carries no canhbao role
     * @throws io.smallrye.mutiny.TimeoutException when the verification (e.g. fetching the
     *     provider's keys) takes longer than 10 s
     */
    public Optional<Caller> verify(String token) {
        SecurityIdentity identity;
        try {
            identity =
                    identities
                            .authenticate(new AccessTokenCredential(token))
                            .await()
                            .atMost(VERIFY_TIMEOUT);
        } catch (AuthenticationFailedException e) {
            LOG.debugf("bearer token refused: %s", e.getMessage());
            return Optional.empty();
        }
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        String subject =
                identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                        ? jwt.getSubject()
                        : identity.getPrincipal().getName();
        Role role =
                Role.mostPrivileged(identity.getRoles())
                        .orElseThrow(() -> new NoRole(subject, identity.getRoles()));
        return Optional.of(new Caller("oidc:" + subject, subject, role));
    }

    /** The claim the roles come from, as configured (for messages). */
    public static String roleClaimPath() {
        return ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.roles.role-claim-path", String.class)
                .orElse("(quarkus-oidc default)");
    }
}
