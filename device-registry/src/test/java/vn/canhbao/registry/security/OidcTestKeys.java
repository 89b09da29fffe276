package vn.canhbao.registry.security;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The test identity provider: an RSA key pair whose public half {@link OidcOnProfile} gives
 * quarkus-oidc ({@code quarkus.oidc.public-key}) and whose private half signs the tests' JWTs. The
 * pair is kept in {@code target/oidc-test-keys} because the test profile and the test class may be
 * loaded by different class loaders; a fresh build makes a fresh pair.
 */
final class OidcTestKeys {
    static final String ISSUER = "https://idp.example/realms/canhbao";
    static final String AUDIENCE = "canhbao-registry";

    private static final Path DIR = Path.of("target", "oidc-test-keys");

    private OidcTestKeys() {}

    /** The pair trusted by the registry under {@link OidcOnProfile}. */
    static synchronized KeyPair trusted() {
        try {
            Path priv = DIR.resolve("private.der");
            Path pub = DIR.resolve("public.der");
            if (!Files.exists(pub)) {
                KeyPair pair = generate();
                Files.createDirectories(DIR);
                write(priv, pair.getPrivate().getEncoded());
                write(pub, pair.getPublic().getEncoded());
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pair the registry has never seen (to forge tokens). */
    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trusted public key as {@code quarkus.oidc.public-key} takes it (base64 DER). */
    static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(trusted().getPublic().getEncoded());
    }

    /**
     * A token as Keycloak issues it: realm roles under {@code realm_access.roles}.
     *
     * @param validFor negative for a token that has expired
     */
    static String token(
            PrivateKey key,
            String issuer,
            String audience,
            String subject,
            List<String> roles,
            Duration validFor) {
        Instant now = Instant.now();
        Instant expires = now.plus(validFor);
        Instant issued = validFor.isNegative() ? expires.minus(Duration.ofMinutes(5)) : now;
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("preferred_username", subject + "-name")
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(issued)
                .expiresAt(expires)
                .sign(key);
    }

    /** A valid token of the trusted issuer for the registry's audience. */
    static String token(String subject, List<String> roles) {
        return token(
                trusted().getPrivate(), ISSUER, AUDIENCE, subject, roles, Duration.ofMinutes(5));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(DIR, "key", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
