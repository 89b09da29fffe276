package vn.canhbao.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of one local platform, generated on its first start and kept (owner-only files) in the
 * data folder so a restart on the same folder reuses them: the registry's admin password and the
 * key that encrypts camera credentials at rest.
 *
 * @param adminPassword password of the registry user {@code admin}
 * @param cameraKey base64 of the 32-byte AES key for camera credentials
 */
record LocalSecrets(String adminPassword, String cameraKey) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static LocalSecrets loadOrCreate(Path dir) {
        return new LocalSecrets(
                readOrCreate(dir.resolve("admin-password"), 18),
                readOrCreate(dir.resolve("camera-key"), 32));
    }

    private static String readOrCreate(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[bytes];
            RANDOM.nextBytes(secret);
            String value = Base64.getEncoder().encodeToString(secret);
            Files.writeString(file, value, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return value;
        } catch (IOException e) {
            throw new PlatformException("cannot keep the local secret " + file, e);
        }
    }
}
