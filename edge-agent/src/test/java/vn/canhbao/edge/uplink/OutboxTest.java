package vn.canhbao.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxTest {
    @Test
    void handsOutBatchesOldestFirstUpToTheInFlightLimit() {
        Outbox o = outboxWith(100_000, 5);

        assertThat(o.takeSendable(2)).extracting(OutboxEntry::firstSeq).containsExactly(0L, 10L);
        assertThat(o.takeSendable(2)).isEmpty();
        assertThat(o.takeSendable(4)).extracting(OutboxEntry::firstSeq).containsExactly(20L, 30L);
        assertThat(o.inFlight()).isEqualTo(4);
        assertThat(o.depth()).isEqualTo(5);
    }

    @Test
    void removesABatchOnlyWhenAcknowledged() {
        Outbox o = outboxWith(100_000, 3);
        OutboxEntry first = o.takeSendable(1).get(0);

        assertThat(o.acknowledge(first.id())).isTrue();
        assertThat(o.acknowledge(first.id())).as("a duplicate acknowledgement").isFalse();
        assertThat(o.depth()).isEqualTo(2);
        assertThat(o.inFlight()).isZero();
        assertThat(o.bytes()).isEqualTo(2 * 100);
    }

    @Test
    void afterAConnectionLossEveryUnacknowledgedBatchIsResentInTheOriginalOrder() {
        Outbox o = outboxWith(100_000, 4);
        var sent = o.takeSendable(3);
        o.acknowledge(sent.get(0).id());

        assertThat(o.requeueInFlight()).isEqualTo(2);

        assertThat(o.takeSendable(10))
                .extracting(OutboxEntry::firstSeq)
                .containsExactly(10L, 20L, 30L);
    }

    @Test
    void releasingARefusedPublishMakesItAndTheLaterOnesSendableAgain() {
        Outbox o = outboxWith(100_000, 4);
        var sent = o.takeSendable(4);

        assertThat(o.release(sent.get(2).id())).isEqualTo(2);

        assertThat(o.inFlight()).isEqualTo(2);
        assertThat(o.takeSendable(10)).extracting(OutboxEntry::firstSeq).containsExactly(20L, 30L);
    }

    @Test
    void whenFullDropsTheOldestBatchesAndCountsThem() {
        Outbox o = outboxWith(350, 3);

        o.add(new byte[100], 2, 30, 31);

        assertThat(o.snapshot()).extracting(OutboxEntry::firstSeq).containsExactly(10L, 20L, 30L);
        assertThat(o.droppedBatches()).isEqualTo(1);
        assertThat(o.droppedReadings()).isEqualTo(2);
        assertThat(o.bytes()).isEqualTo(300);
    }

    @Test
    void aBatchLargerThanTheWholeOutboxIsDroppedAndCounted() {
        Outbox o = outboxWith(350, 1);

        assertThat(o.add(new byte[351], 2, 10, 11)).isEmpty();

        assertThat(o.depth()).isEqualTo(1);
        assertThat(o.droppedBatches()).isEqualTo(1);
    }

    @Test
    void droppingAnInFlightBatchFreesItsInFlightSlot() {
        Outbox o = outboxWith(200, 2);
        o.takeSendable(1);

        o.add(new byte[100], 2, 20, 21);

        assertThat(o.inFlight()).isZero();
        assertThat(o.takeSendable(5)).extracting(OutboxEntry::firstSeq).containsExactly(10L, 20L);
    }

    @Test
    void awaitEmptyReturnsWhenEverythingIsAcknowledgedOrTheTimeIsUp() throws InterruptedException {
        Outbox o = outboxWith(100_000, 1);

        assertThat(o.awaitEmpty(java.time.Duration.ofMillis(20))).isFalse();
        o.acknowledge(o.takeSendable(1).get(0).id());
        assertThat(o.awaitEmpty(java.time.Duration.ZERO)).isTrue();
    }

    /** {@code n} batches of 100 bytes and 2 readings, seq 0-1, 10-11, 20-21, ... */
    private static Outbox outboxWith(long maxBytes, int n) {
        Outbox o = new Outbox(maxBytes);
        for (int i = 0; i < n; i++) {
            o.add(new byte[100], 2, i * 10L, i * 10L + 1);
        }
        return o;
    }
}
