package vn.canhbao.registry.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private final CredentialCipher cipher = new CredentialCipher(Optional.of(KEY));

    @Test
    void encryptsWithAFreshNonceAndDecryptsForTheSameOwner() {
        byte[] a = cipher.encrypt("secret", "cam-1");
        byte[] b = cipher.encrypt("secret", "cam-1");

        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(cipher.decrypt(a, "cam-1")).isEqualTo("secret");
    }

    @Test
    void aCiphertextMovedToAnotherOwnerOrTamperedWithDoesNotDecrypt() {
        byte[] encrypted = cipher.encrypt("secret", "cam-1");

        assertThatThrownBy(() -> cipher.decrypt(encrypted, "cam-2"))
                .isInstanceOf(IllegalStateException.class);
        encrypted[encrypted.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(encrypted, "cam-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new CredentialCipher(Optional.of("AAEC")))
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("AAEC");
        assertThat(new CredentialCipher(Optional.empty()).configured()).isFalse();
    }
}
