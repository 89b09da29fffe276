package vn.canhbao.registry.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.RegistryConfig;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.db.Jdbc;

/**
 * The local user store: verifies passwords (see {@link #authenticate}: remembered, shared between
 * concurrent requests and refreshed in the background, so that requests do not pay for PBKDF2),
 * creates users, and creates the bootstrap admin at start.
 */
@ApplicationScoped
public class UserService {
    private static final Logger LOG = Logger.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final int MIN_PASSWORD = 12;

    /** An authenticated user. */
    public record User(String username, Role role) {}

    private record Verified(User user, Instant verifiedAt) {}

    private static final int MAX_REMEMBERED = 10_000;

    private final Jdbc jdbc;
    private final UserRepository users;
    private final AuditLog audit;
    private final RegistryConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Optional<User>>> inFlight =
            new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final AtomicLong verifications = new AtomicLong();
    private final ExecutorService refresher =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "auth-refresh");
                        t.setDaemon(true);
                        return t;
                    });
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

    /**
     * The user whose name and password these are, if any.
     *
     * <p>PBKDF2 is deliberately slow (tens to hundreds of milliseconds), so it must stay off the
     * request path of a client that sends HTTP Basic on every request. A verified password is
     * remembered for {@code auth.cache-ttl} under a salted SHA-256 of name and password (never the
     * password itself). Concurrent requests with the same unverified credentials share one
     * verification (no herd of PBKDF2 runs at start or at expiry). A remembered entry older than
     * half the TTL is re-verified in the background while it keeps being served, so a client that
     * keeps sending requests never waits for PBKDF2 again; a re-verification that fails (user
     * removed, password changed) drops the entry. Failed verifications are never remembered.
     */
    public Optional<User> authenticate(String username, String password) {
        String key = cacheKey(username, password);
        Instant now = clock.instant();
        Duration ttl = config.auth().cacheTtl();
        Verified hit = verified.get(key);
        if (hit != null) {
            Duration age = Duration.between(hit.verifiedAt(), now);
            if (age.compareTo(ttl) < 0) {
                if (age.compareTo(ttl.dividedBy(2)) >= 0) {
                    refreshInBackground(key, username, password);
                }
                return Optional.of(hit.user());
            }
        }
        try {
            return verifyOnce(key, username, password).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** How many PBKDF2 verifications ran (cache misses and background refreshes). */
    public long verifications() {
        return verifications.get();
    }

    private CompletableFuture<Optional<User>> verifyOnce(
            String key, String username, String password) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            mine.complete(verify(key, username, password));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inFlight.remove(key, mine);
        }
        return mine;
    }

    private Optional<User> verify(String key, String username, String password) {
        verifications.incrementAndGet();
        Optional<UserRepository.StoredUser> stored =
                jdbc.inTransaction(c -> users.find(c, username));
        if (stored.isEmpty() || !PasswordHasher.verify(password, stored.get().passwordHash())) {
            verified.remove(key);
            return Optional.empty();
        }
        User user = new User(username, stored.get().role());
        if (verified.size() >= MAX_REMEMBERED) {
            Instant oldest = clock.instant().minus(config.auth().cacheTtl());
            verified.values().removeIf(v -> v.verifiedAt().isBefore(oldest));
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(key, new Verified(user, clock.instant()));
        return Optional.of(user);
    }

    private void refreshInBackground(String key, String username, String password) {
        if (!refreshing.add(key)) {
            return;
        }
        try {
            refresher.execute(
                    () -> {
                        try {
                            verifyOnce(key, username, password);
                        } catch (RuntimeException e) {
                            // The entry stays until its TTL; the next request retries.
                            LOG.debugf("background re-verification failed: %s", e.getMessage());
                        } finally {
                            refreshing.remove(key);
                        }
                    });
        } catch (RejectedExecutionException e) {
            refreshing.remove(key);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        refresher.shutdownNow();
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
