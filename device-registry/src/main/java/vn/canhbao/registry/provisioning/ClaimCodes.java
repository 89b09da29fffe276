package vn.canhbao.registry.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Claim code text: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * {@code XXXX-XXXX-XXXX} (about 59 bits of randomness), and stored only as a SHA-256 hash. A plain
 * hash suffices: the code is random, short-lived and single use, so it cannot be guessed from a
 * dictionary.
 */
public final class ClaimCodes {
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClaimCodes() {}

    /** A new random code, {@code XXXX-XXXX-XXXX}. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Upper case without separators or spaces, as typed by a technician or read from a QR code. */
    public static String normalize(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** The stored form: hex SHA-256 of the normalized code. */
    public static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(normalize(code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
