package vn.canhbao.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void aHashVerifiesOnlyItsOwnPasswordAndIsSalted() {
        String hash = PasswordHasher.hash("correct horse battery");

        assertThat(hash).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct");
        assertThat(PasswordHasher.verify("correct horse battery", hash)).isTrue();
        assertThat(PasswordHasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(PasswordHasher.hash("correct horse battery")).isNotEqualTo(hash);
        assertThat(PasswordHasher.verify("x", "garbage")).isFalse();
    }

    @Test
    void basicCredentialsAreDecodedAndMalformedHeadersRejected() {
        assertThat(AuthFilter.credentials("Basic dXNlcjpwYTpzcw==")) // user:pa:ss
                .hasValueSatisfying(c -> assertThat(c).containsExactly("user", "pa:ss"));
        assertThat(AuthFilter.credentials(null)).isEqualTo(Optional.empty());
        assertThat(AuthFilter.credentials("Bearer abc")).isEmpty();
        assertThat(AuthFilter.credentials("Basic !!!")).isEmpty();
        assertThat(AuthFilter.credentials("Basic bm9jb2xvbg==")).isEmpty(); // nocolon
    }
}
