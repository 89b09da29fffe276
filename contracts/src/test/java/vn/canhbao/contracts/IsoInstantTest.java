package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1970-01-01T00:00:00.001Z",
                "1978-07-04T21:24:16Z",
                "2000-02-29T23:59:59.999Z",
                "2024-12-31T23:59:59.500Z",
                "2025-03-01T00:00:00.010Z",
                "2100-02-28T12:00:00.100Z",
                "9999-12-31T23:59:59.999Z",
            })
    void writesWhatInstantToStringWrites(String text) {
        Instant t = Instant.parse(text);

        assertThat(written(t)).isEqualTo(t.toString()).isEqualTo(text);
    }

    @Test
    void agreesWithInstantToStringOnRandomMillisecondInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            Instant t =
                    Instant.ofEpochMilli(Math.floorMod(random.nextLong(), 253_402_300_800_000L));

            assertThat(written(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void leavesOtherInstantsToInstantToString() {
        char[] buf = new char[IsoInstant.MAX_CHARS];

        assertThat(IsoInstant.write(Instant.parse("1969-12-31T23:59:59Z"), buf)).isEqualTo(-1);
        assertThat(IsoInstant.write(Instant.parse("+10000-01-01T00:00:00Z"), buf)).isEqualTo(-1);
        assertThat(IsoInstant.write(Instant.ofEpochSecond(1_763_770_000L, 1_000), buf))
                .isEqualTo(-1);
    }

    private static String written(Instant t) {
        char[] buf = new char[IsoInstant.MAX_CHARS];
        int length = IsoInstant.write(t, buf);
        return new String(buf, 0, length);
    }
}
