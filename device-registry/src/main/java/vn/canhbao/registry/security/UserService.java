package vn.canhbao.registry.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;

/**
 * The local user store: verifies passwords (remembering a verified password for {@code
 * canhbao.registry.auth.cache-ttl}, keyed by a salted digest, so that not every request pays for
 * PBKDF2), creates users, and creates the bootstrap admin at start.
 */
@ApplicationScoped
public class UserService {
    private static final Logger LOG = Logger.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final int MIN_PASSWORD = 12;

    /** An authenticated user. */
    public record User(String username, Role role) {}

    private record Verified(User user, Instant until) {}

    private final Jdbc jdbc;
    private final UserRepository users;
    private final AuditLog audit;
    private final RegistryConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] cacheSalt = new byte[32];

    public UserService(Jdbc jdbc, UserRepository users, AuditLog audit, RegistryConfig config) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.config = config;
        new SecureRandom().nextBytes(cacheSalt);
    }

    void bootstrap(@Observes StartupEvent start) {
        Optional<String> password = config.auth().bootstrapAdminPassword();
        if (password.isEmpty()) {
            return;
        }
        boolean created =
                jdbc.inTransaction(
                        c -> {
                            if (users.find(c, "admin").isPresent()) {
                                return false;
                            }
                            users.insert(
                                    c, "admin", PasswordHasher.hash(password.get()), Role.ADMIN);
                            audit.record(
                                    c,
                                    "system",
                                    "create",
                                    "user",
                                    "admin",
                                    null,
                                    new UserView("admin", "admin"));
                            return true;
                        });
        if (created) {
            LOG.info("created the bootstrap user admin");
        }
    }

    /** The user whose name and password these are, if any. */
    public Optional<User> authenticate(String username, String password) {
        String key = cacheKey(username, password);
        Verified hit = verified.get(key);
        Instant now = clock.instant();
        if (hit != null && hit.until().isAfter(now)) {
            return Optional.of(hit.user());
        }
        Optional<UserRepository.StoredUser> stored =
                jdbc.inTransaction(c -> users.find(c, username));
        if (stored.isEmpty() || !PasswordHasher.verify(password, stored.get().passwordHash())) {
            verified.remove(key);
            return Optional.empty();
        }
        User user = new User(username, stored.get().role());
        if (verified.size() > 10_000) {
            verified.clear();
        }
        verified.put(key, new Verified(user, now.plus(config.auth().cacheTtl())));
        return Optional.of(user);
    }

    /**
     * Creates a user; audited by {@code actor}.
     *
     * @throws ContractViolation naming the bad field
     * @throws vn.canhbao.registry.api.RegistryException 409 when the name is taken
     */
    public UserView create(UserBody body, String actor) {
        Fields.required(body, "body");
        String username = Fields.required(body.username(), "username");
        if (!USERNAME.matcher(username).matches()) {
            throw new ContractViolation(
                    "username",
                    username,
                    "expected 1 to 63 lower-case letters, digits, '.', '_' or '-'");
        }
        String password = Fields.required(body.password(), "password");
        if (password.length() < MIN_PASSWORD) {
            // Never echo a password, not even a bad one.
            throw new ContractViolation(
                    "password", "(hidden)", "expected at least " + MIN_PASSWORD + " characters");
        }
        Role role = Role.fromWire(Fields.required(body.role(), "role"), "role");
        String hash = PasswordHasher.hash(password);
        UserView view = new UserView(username, role.wireName());
        jdbc.inTransaction(
                c -> {
                    users.insert(c, username, hash, role);
                    audit.record(c, actor, "create", "user", username, null, view);
                    return null;
                });
        return view;
    }

    private String cacheKey(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cacheSalt);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
