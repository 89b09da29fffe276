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
import java.util.TreeSet;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.api.Problem;

/**
 * Authenticates every request under {@code /api/} with HTTP Basic against the local user store or,
 * when {@code canhbao.registry.auth.mode=oidc}, with a bearer JWT verified by {@link BearerTokens}
 * (the most privileged canhbao role in the token wins; none is 403), and enforces the roles: reads
 * need any role, changes need technician or admin, {@code /api/v1/pending-sensors} (reads too)
 * needs technician or admin, {@code /api/v1/users} and the commune catalogue import need admin.
 * Answers 401 (with {@code WWW-Authenticate}) or 403 as problem details. The authenticated user
 * (for a token: {@code oidc:} + its subject) becomes the JAX-RS {@link SecurityContext} and the
 * {@link CurrentActor}, the audit's actor. In {@code basic} mode a bearer header is treated as
 * missing credentials.
 */
@jakarta.ws.rs.ext.Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final UserService users;
    private final BearerTokens tokens;
    private final CurrentActor actor;
    // A provider: JAX-RS filters are created before the runtime configuration is available.
    private final Provider<RegistryConfig> config;

    public AuthFilter(
            UserService users,
            BearerTokens tokens,
            CurrentActor actor,
            Provider<RegistryConfig> config) {
        this.users = users;
        this.tokens = tokens;
        this.actor = actor;
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        RegistryConfig.Auth auth = config.get().auth();
        if (!path.startsWith("/api/") || !auth.enabled() || isPublic(path)) {
            return;
        }
        boolean oidc = auth.mode() == RegistryConfig.Auth.Mode.OIDC;
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> bearer = bearer(header);
        Caller caller;
        if (bearer.isPresent() && oidc) {
            Optional<BearerTokens.Caller> verified;
            try {
                verified = tokens.verify(bearer.get());
            } catch (BearerTokens.NoRole e) {
                request.abortWith(
                        new Problem(
                                        "urn:canhbao:problem:forbidden",
                                        "Không có quyền / Forbidden",
                                        403,
                                        "the token carries no canhbao role (admin, technician,"
                                                + " operator or viewer) in claim "
                                                + BearerTokens.roleClaimPath(),
                                        "roles",
                                        String.join(",", new TreeSet<>(e.roles())))
                                .toResponse());
                return;
            }
            if (verified.isEmpty()) {
                request.abortWith(
                        problem(
                                        401,
                                        "urn:canhbao:problem:unauthenticated",
                                        "Chưa đăng nhập / Authentication required",
                                        "bearer token refused: bad signature, expired, or wrong"
                                                + " issuer or audience")
                                .header(
                                        HttpHeaders.WWW_AUTHENTICATE,
                                        "Bearer realm=\"canhbao\", error=\"invalid_token\"")
                                .build());
                return;
            }
            caller = new Caller(verified.get().actor(), verified.get().role(), "Bearer");
        } else {
            Optional<UserService.User> user =
                    credentials(header).flatMap(c -> users.authenticate(c[0], c[1]));
            if (user.isEmpty()) {
                request.abortWith(
                        problem(
                                        401,
                                        "urn:canhbao:problem:unauthenticated",
                                        "Chưa đăng nhập / Authentication required",
                                        oidc
                                                ? "a valid bearer token or user name and password"
                                                        + " (HTTP Basic) required"
                                                : "valid user name and password required (HTTP"
                                                        + " Basic)")
                                .header(HttpHeaders.WWW_AUTHENTICATE, challenge(oidc))
                                .build());
                return;
            }
            caller =
                    new Caller(
                            user.get().username(), user.get().role(), SecurityContext.BASIC_AUTH);
        }
        Role role = caller.role();
        boolean allowed;
        if (path.startsWith("/api/v1/users")
                || path.startsWith("/api/v1/admin-units/communes/import")) {
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
        actor.set(caller.name());
        request.setSecurityContext(new CallerContext(caller, request.getSecurityContext()));
    }

    private static String challenge(boolean oidc) {
        return oidc
                ? "Bearer realm=\"canhbao\", Basic realm=\"canhbao\""
                : "Basic realm=\"canhbao\"";
    }

    /** The token of a Bearer {@code Authorization} header. */
    static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
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

    /** Who calls, with which role, authenticated by which scheme. */
    private record Caller(String name, Role role, String scheme) {}

    private record CallerContext(Caller caller, SecurityContext original)
            implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller::name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().wireName().equals(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return caller.scheme();
        }
    }
}
