package vn.canhbao.edge.adapter.coap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A DTLS pre-shared key. Never printed. Immutable. */
public final class PskSecret {
    private final byte[] secret;

    private PskSecret(byte[] secret) {
        if (secret.length < 8 || secret.length > 64) {
            throw new IllegalArgumentException(
                    "a pre-shared key must have 8 to 64 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    public static PskSecret of(byte[] secret) {
        return new PskSecret(secret);
    }

    public static PskSecret ofUtf8(String secret) {
        return new PskSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PskSecret p && Arrays.equals(p.secret, secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "PskSecret[***]";
    }
}
