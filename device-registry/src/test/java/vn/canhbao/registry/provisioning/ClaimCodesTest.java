package vn.canhbao.registry.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimCodesTest {

    @Test
    void codesAreRandomReadableAndHashedWithoutTheirText() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = ClaimCodes.generate();
            assertThat(code).matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
            assertThat(seen.add(code)).isTrue();
        }
        String code = ClaimCodes.generate();
        assertThat(ClaimCodes.hash(code)).hasSize(64).doesNotContain(code.replace("-", ""));
    }

    @Test
    void typedCodeMatchesRegardlessOfCaseSpacesAndDashes() {
        String code = ClaimCodes.generate();
        String typed = " " + code.toLowerCase().replace("-", " ") + " ";

        assertThat(ClaimCodes.hash(typed)).isEqualTo(ClaimCodes.hash(code));
        assertThat(ClaimCodes.hash(ClaimCodes.generate())).isNotEqualTo(ClaimCodes.hash(code));
    }

    @Test
    void qrCodeIsAnSvgDocument() {
        String svg = QrSvg.of("canhbao-claim:gw-1:ABCD-EFGH-JKMN");

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("<path d=\"M");
    }
}
