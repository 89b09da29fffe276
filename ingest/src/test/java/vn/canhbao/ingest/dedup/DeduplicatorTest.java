package vn.canhbao.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.ingest.dedup.Deduplicator.Claim.Kind;

class DeduplicatorTest {
    private static final GatewayId GW = GatewayId.of("gw-ta-van");
    private static final GatewayId OTHER = GatewayId.of("gw-tra-leng");
    private final Deduplicator dedup = new Deduplicator(128);

    private Kind claim(GatewayId gw, long seq) {
        return dedup.claim(gw, seq, new CompletableFuture<>()).kind();
    }

    @Test
    void aCommittedReadingIsADuplicateForItsGatewayOnly() {
        assertThat(claim(GW, 7)).isEqualTo(Kind.NEW);
        dedup.committed(GW, 7);

        assertThat(claim(GW, 7)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(OTHER, 7)).isEqualTo(Kind.NEW);
    }

    @Test
    void gapsBelowTheHighWaterMarkStayNewUntilWritten() {
        // given seq 10 and 12 written, 11 not (a backlog arriving out of order)
        dedup.committed(GW, 10);
        dedup.committed(GW, 12);

        // then 11 is new, and after it is written it is a duplicate
        assertThat(claim(GW, 11)).isEqualTo(Kind.NEW);
        dedup.committed(GW, 11);
        assertThat(claim(GW, 11)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(GW, 13)).isEqualTo(Kind.NEW);
    }

    @Test
    void aSecondCopyWaitsForTheFirstAndBecomesNewAgainWhenTheFirstFailed() {
        // given a first copy in flight
        CompletableFuture<Void> first = new CompletableFuture<>();
        assertThat(dedup.claim(GW, 5, first).kind()).isEqualTo(Kind.NEW);

        // when a second copy arrives, it is told to wait for the first
        Deduplicator.Claim second = dedup.claim(GW, 5, new CompletableFuture<>());
        assertThat(second.kind()).isEqualTo(Kind.IN_FLIGHT);
        assertThat(second.firstCopy()).isSameAs(first);

        // when the first write fails, the next copy is new again
        dedup.released(GW, 5);
        assertThat(claim(GW, 5)).isEqualTo(Kind.NEW);
        assertThat(dedup.inFlight()).isEqualTo(1);
    }

    @Test
    void aPackIsCommittedOrReleasedAsAWhole() {
        // given two packs in flight
        claim(GW, 1);
        claim(GW, 2);
        claim(GW, 3);
        claim(GW, 4);

        // when the first pack is written and the second fails
        dedup.committed(GW, List.of(reading(1), reading(2)));
        dedup.released(GW, List.of(reading(3), reading(4)));

        // then the first pack's readings are duplicates, the second's new again
        assertThat(dedup.inFlight()).isZero();
        assertThat(claim(GW, 1)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(GW, 2)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(GW, 3)).isEqualTo(Kind.NEW);
        assertThat(claim(GW, 4)).isEqualTo(Kind.NEW);
    }

    private static Reading reading(long seq) {
        return new Reading(
                GW,
                SensorId.of("rg-1"),
                Quantity.RAIN,
                1,
                Instant.ofEpochSecond(1_763_770_000L),
                seq);
    }

    @Test
    void theWindowSlidesAndForgetsNothingInsideIt() {
        // given every seq 0..999 written through a window of 128
        for (long s = 0; s < 1000; s++) {
            dedup.committed(GW, s);
        }

        // then the last 128 are duplicates, older ones beyond the window, newer ones new
        assertThat(claim(GW, 999)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(GW, 872)).isEqualTo(Kind.DUPLICATE);
        assertThat(claim(GW, 871)).isEqualTo(Kind.BEYOND_WINDOW);
        assertThat(claim(GW, 1000)).isEqualTo(Kind.NEW);
    }

    @Test
    void aSlotReusedAfterTheWindowMovedIsNotMistakenForTheOldReading() {
        // given seq 3 written, then 141 (window 14..141)
        dedup.committed(GW, 3);
        dedup.committed(GW, 141);

        // then 131, which takes the slot of 3, is new; 3 itself is beyond the window
        assertThat(claim(GW, 131)).isEqualTo(Kind.NEW);
        assertThat(claim(GW, 3)).isEqualTo(Kind.BEYOND_WINDOW);
        assertThat(claim(GW, 141)).isEqualTo(Kind.DUPLICATE);
    }
}
