package vn.canhbao.edge.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.GatewayId;

class SequenceCounterTest {
    private static final GatewayId GW = GatewayId.of("gw-1");

    @TempDir Path dataDir;

    @Test
    void countsUpFromZeroOnAFreshDataDir() {
        try (SequenceCounter c = SequenceCounter.open(dataDir, GW, 10)) {
            assertThat(List.of(c.next(), c.next(), c.next())).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void aRestartSkipsToTheEndOfTheReservedBlockAndNeverReusesANumber() {
        Set<Long> issued = new HashSet<>();
        List<Long> inOrder = new ArrayList<>();
        for (int restart = 0; restart < 5; restart++) {
            try (SequenceCounter c = SequenceCounter.open(dataDir, GW, 10)) {
                for (int i = 0; i < 7 + restart * 4; i++) { // some runs cross a block boundary
                    long n = c.next();
                    assertThat(issued.add(n)).as("number %d issued twice", n).isTrue();
                    inOrder.add(n);
                }
            }
        }
        assertThat(inOrder).isSorted().doesNotHaveDuplicates();
        // first run: 0..6, block [0,10) reserved, so the second run starts at 10
        assertThat(inOrder.subList(0, 8)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 10L);
    }

    @Test
    void aCrashWithoutCloseAlsoSkipsAhead() throws IOException {
        SequenceCounter crashed = SequenceCounter.open(dataDir, GW, 100);
        long last = 0;
        for (int i = 0; i < 150; i++) {
            last = crashed.next();
        }
        // close() writes nothing, so the file is exactly what a crash would leave (the lock dies
        // with the process).
        crashed.close();
        try (SequenceCounter c = SequenceCounter.open(dataDir, GW, 100)) {
            assertThat(c.next()).isGreaterThan(last).isEqualTo(200);
        }
    }

    @Test
    void eachGatewayHasItsOwnCounter() {
        try (SequenceCounter a = SequenceCounter.open(dataDir, GW, 10);
                SequenceCounter b = SequenceCounter.open(dataDir, GatewayId.of("gw-2"), 10)) {
            assertThat(a.next()).isZero();
            assertThat(b.next()).isZero();
        }
    }

    @Test
    void refusesADamagedFileRatherThanRiskReuse() throws IOException {
        try (SequenceCounter c = SequenceCounter.open(dataDir, GW, 10)) {
            c.next();
        }
        Path file = dataDir.resolve("seq/gw-1.seq");
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Files.writeString(
                file, text.replace("reserved=0000000000000000010", "reserved=0000000000000000001"));

        assertThatThrownBy(() -> SequenceCounter.open(dataDir, GW, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gw-1.seq")
                .hasMessageContaining("damaged");
    }

    @Test
    void refusesASecondOpenOfTheSameCounter() {
        try (SequenceCounter c = SequenceCounter.open(dataDir, GW, 10)) {
            assertThatThrownBy(() -> SequenceCounter.open(dataDir, GW, 10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
    }
}
