package vn.canhbao.registry.security;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.api.Problem;

/**
 * Authenticates every request under {@code /api/} with HTTP Basic against the local user store and
 * enforces the roles: reads need any role, changes need technician or admin, {@code
 * /api/v1/pending-sensors} (reads too) needs technician or admin, {@code /api/v1/users} needs
 * admin. Answers 401 (with {@code WWW-Authenticate}) or 403 as problem details. The authenticated
 * user becomes the JAX-RS {@link SecurityContext} and the {@link CurrentActor}; replacing this
 * filter by an OIDC bearer-token check leaves the rules and the audit unchanged.
 */
@jakarta.ws.rs.ext.Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final UserService users;
    private final CurrentActor actor;
    // A provider: JAX-RS filters are created before the runtime configuration is available.
    private final Provider<RegistryConfig> config;

    public AuthFilter(UserService users, CurrentActor actor, Provider<RegistryConfig> config) {
        this.users = users;
        this.actor = actor;
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!path.startsWith("/api/") || !config.get().auth().enabled() || isPublic(path)) {
            return;
        }
        Optional<UserService.User> user =
                credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                        .flatMap(c -> users.authenticate(c[0], c[1]));
        if (user.isEmpty()) {
            request.abortWith(
                    problem(
                                    401,
                                    "urn:canhbao:problem:unauthenticated",
                                    "Chưa đăng nhập / Authentication required",
                                    "valid user name and password required (HTTP Basic)")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"canhbao\"")
                            .build());
            return;
        }
        Role role = user.get().role();
        boolean allowed;
        if (path.startsWith("/api/v1/users")) {
            allowed = role == Role.ADMIN;
        } else if (path.startsWith("/api/v1/pending-sensors")) {
            allowed = role.mayWrite(); // a technician's work list, reads included
        } else {
            allowed = READS.contains(request.getMethod()) || role.mayWrite();
        }
        if (!allowed) {
            request.abortWith(
                    problem(
                                    403,
                                    "urn:canhbao:problem:forbidden",
                                    "Không có quyền / Forbidden",
                                    "role "
                                            + role.wireName()
                                            + " may not "
                                            + request.getMethod()
                                            + " "
                                            + path)
                            .build());
            return;
        }
        actor.set(user.get().username());
        request.setSecurityContext(new UserContext(user.get(), request.getSecurityContext()));
    }

    private boolean isPublic(String path) {
        return config.get().auth().publicPaths().stream().anyMatch(path::startsWith);
    }

    /** User name and password of a Basic {@code Authorization} header. */
    static Optional<String[]> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(
                new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private static Response.ResponseBuilder problem(
            int status, String type, String title, String detail) {
        return Response.status(status)
                .type(MediaType.valueOf("application/problem+json"))
                .entity(new Problem(type, title, status, detail, null, null));
    }

    private record UserContext(UserService.User user, SecurityContext original)
            implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return user::username;
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.role().wireName().equals(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }
}
