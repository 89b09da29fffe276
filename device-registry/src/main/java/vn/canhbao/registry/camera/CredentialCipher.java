package vn.canhbao.registry.camera;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vn.canhbao.registry.RegistryConfig;

/**
 * Encrypts secrets at rest with AES-256-GCM under the key {@code
 * canhbao.registry.secrets.camera-key}: a fresh random 12-byte nonce per encryption, a 128-bit tag,
 * and the owner's id as associated data (a ciphertext copied to another row does not decrypt).
 * Stored form: nonce followed by ciphertext and tag. The key is never logged.
 */
@ApplicationScoped
public class CredentialCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKey> key;

    @Inject
    public CredentialCipher(RegistryConfig config) {
        this(config.secrets().cameraKey());
    }

    CredentialCipher(Optional<String> base64Key) {
        this.key = base64Key.map(CredentialCipher::parseKey);
    }

    private static SecretKey parseKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("canhbao.registry.secrets.camera-key is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "canhbao.registry.secrets.camera-key must be 32 bytes (AES-256), got "
                            + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public boolean configured() {
        return key.isPresent();
    }

    /**
     * @throws IllegalStateException when no key is configured
     */
    public byte[] encrypt(String plaintext, String ownerId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + encrypted.length)
                    .put(nonce)
                    .put(encrypted)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws IllegalStateException when no key is configured, or the ciphertext was tampered with,
     *     belongs to another owner or was made under another key
     */
    public String decrypt(byte[] stored, String ownerId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    requireKey(),
                    new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
            return new String(
                    cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the credentials of " + ownerId, e);
        }
    }

    private SecretKey requireKey() {
        return key.orElseThrow(
                () -> new IllegalStateException("canhbao.registry.secrets.camera-key is not set"));
    }
}
