package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void theHandWrittenCheckAgreesWithThePatternOnRandomStrings() {
        String alphabet = "abcxyz0189-_A.Z /đ";
        Random random = new Random(7);
        int valid = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(70);
            for (int i = 0; i < length; i++) {
                // mostly id characters, so that valid ids of every length come up
                b.append(
                        random.nextInt(10) < 9
                                ? alphabet.charAt(random.nextInt(11))
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            boolean expected = Ids.ID.matcher(s).matches();
            assertThat(Ids.valid(s)).as("'%s'", s).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("valid ids generated").isGreaterThan(1000);
        assertThat(Ids.valid(null)).isFalse();
        assertThat(Ids.valid("a".repeat(63))).isTrue();
        assertThat(Ids.valid("a".repeat(64))).isFalse();
        assertThat(Ids.valid("-a")).isFalse();
    }

    @Test
    void idsAreEqualByValueAndTypeWithMatchingHashCodes() {
        assertThat(GatewayId.of("gw-1")).isEqualTo(GatewayId.of("gw-1"));
        assertThat(GatewayId.of("gw-1").hashCode()).isEqualTo(GatewayId.of("gw-1").hashCode());
        assertThat(GatewayId.of("gw-1")).isNotEqualTo(GatewayId.of("gw-2"));
        assertThat((Object) GatewayId.of("x-1")).isNotEqualTo(SensorId.of("x-1"));
        assertThat((Object) SensorId.of("x-1")).isNotEqualTo(SiteId.of("x-1"));
        assertThat(SensorId.of("x-1")).isEqualTo(SensorId.of("x-1"));
        assertThat(SiteId.of("x-1")).isEqualTo(SiteId.of("x-1"));
        assertThat(java.util.Set.of(SiteId.of("a"), SiteId.of("b"))).contains(SiteId.of("a"));
    }
}
