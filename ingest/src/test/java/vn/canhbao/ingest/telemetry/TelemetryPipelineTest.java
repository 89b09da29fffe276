package vn.canhbao.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.ingest.IngestMetrics;

class TelemetryPipelineTest {
    private static final Instant T = Instant.parse("2026-11-22T01:00:00Z");
    private static final GatewayId GW = GatewayId.of("gw-tra-leng");
    private static final String TOPIC = MqttTopics.telemetry(GW);

    private final PendingSink sink = new PendingSink();
    private final IngestMetrics metrics = new IngestMetrics();
    private final TelemetryPipeline pipeline =
            new TelemetryPipeline(
                    new TelemetryHandler(64 * 1024, Clock.fixed(T, ZoneOffset.UTC)), sink, metrics);

    @Test
    void writesOnePackPerMessageAndAcknowledgesOnlyAfterKafkaAcknowledgedIt() {
        // given
        RecordingAck ack = new RecordingAck();
        pipeline.process(TOPIC, batch(3), ack);

        // then one record carries the three readings, and nothing is acknowledged yet
        assertThat(sink.writes).hasSize(1);
        assertThat(sink.writes.get(0).key()).isEqualTo(GW.value());
        assertThat(seqsOf(sink.writes.get(0))).containsExactly(0L, 1L, 2L);
        assertThat(ack.written).isZero();

        // when Kafka acknowledges it
        sink.futures.get(0).complete(null);

        // then the message is acknowledged once
        assertThat(ack.written).isEqualTo(1);
        assertThat(ack.failures).isEmpty();
        assertThat(metrics.snapshot().acceptedReadings()).isEqualTo(3);
        assertThat(metrics.snapshot().receivedMessages()).isEqualTo(1);
    }

    @Test
    void doesNotAcknowledgeWhenTheWriteFails() {
        // given
        RecordingAck ack = new RecordingAck();
        pipeline.process(TOPIC, batch(2), ack);

        // when
        sink.futures.get(0).completeExceptionally(new TimeoutException("delivery timeout"));

        // then
        assertThat(ack.written).isZero();
        assertThat(ack.failures).hasSize(1);
        assertThat(metrics.snapshot().kafkaFailures()).isEqualTo(1);
        assertThat(metrics.snapshot().acceptedReadings()).isZero();
    }

    @Test
    void aMessageOverlappingAnEarlierOneWritesOnlyItsNewReadings() {
        // given readings 0 and 1 written
        RecordingAck first = new RecordingAck();
        pipeline.process(TOPIC, batch(2), first);
        sink.futures.get(0).complete(null);

        // when a message with readings 0 to 3 arrives (a gateway resending a grown batch)
        RecordingAck second = new RecordingAck();
        pipeline.process(TOPIC, batch(4), second);

        // then its pack carries only 2 and 3
        assertThat(sink.writes).hasSize(2);
        assertThat(seqsOf(sink.writes.get(1))).containsExactly(2L, 3L);
        sink.futures.get(1).complete(null);
        assertThat(second.written).isEqualTo(1);
        assertThat(metrics.snapshot().duplicatesDropped()).isEqualTo(2);
        assertThat(metrics.snapshot().acceptedReadings()).isEqualTo(4);
    }

    private static List<Long> seqsOf(KafkaWrite write) {
        assertThat(write.topic()).isEqualTo(KafkaTopics.TELEMETRY);
        return TelemetryPack.CODEC.decode(write.value()).readings().stream()
                .map(TelemetryPack.PackedReading::seq)
                .toList();
    }

    @Test
    void badMessageIsAcknowledgedAfterItsDeadLetterIsWrittenAndDoesNotHoldBackGoodOnes() {
        // given a bad message whose dead letter is still pending, then a good one
        RecordingAck bad = new RecordingAck();
        RecordingAck good = new RecordingAck();
        pipeline.process(TOPIC, "{not json".getBytes(StandardCharsets.UTF_8), bad);
        pipeline.process(TOPIC, batch(1), good);

        // when the good message's write completes first
        sink.futures.get(1).complete(null);

        // then it is acknowledged regardless of the bad one
        assertThat(good.written).isEqualTo(1);
        assertThat(bad.written).isZero();
        assertThat(sink.writes.get(0).topic()).isEqualTo(KafkaTopics.TELEMETRY_DLQ);

        // when the dead letter is written
        sink.futures.get(0).complete(null);

        // then the bad message is acknowledged too, and counted by field
        assertThat(bad.written).isEqualTo(1);
        IngestMetrics.Snapshot s = metrics.snapshot();
        assertThat(s.deadLetters()).isEqualTo(1);
        assertThat(s.rejectedMessages()).isEqualTo(1);
        assertThat(s.rejectedByField()).containsEntry("payload", 1L);
    }

    @Test
    void deadLetterWriteFailureLeavesTheBadMessageUnacknowledged() {
        RecordingAck ack = new RecordingAck();
        pipeline.process(TOPIC, "{not json".getBytes(StandardCharsets.UTF_8), ack);

        sink.futures.get(0).completeExceptionally(new TimeoutException("delivery timeout"));

        assertThat(ack.written).isZero();
        assertThat(ack.failures).hasSize(1);
        assertThat(metrics.snapshot().deadLetters()).isZero();
    }

    @Test
    void aRedeliveredMessageIsAcknowledgedWithoutWritingItsReadingsAgain() {
        // given a message written and acknowledged
        RecordingAck first = new RecordingAck();
        pipeline.process(TOPIC, batch(2), first);
        sink.futures.forEach(f -> f.complete(null));
        assertThat(first.written).isEqualTo(1);

        // when the same message arrives again (redelivery or replayed backlog)
        RecordingAck again = new RecordingAck();
        pipeline.process(TOPIC, batch(2), again);

        // then nothing is written and it is acknowledged, counted as duplicates
        assertThat(sink.writes).hasSize(1);
        assertThat(again.written).isEqualTo(1);
        assertThat(metrics.snapshot().duplicatesDropped()).isEqualTo(2);
        assertThat(metrics.snapshot().acceptedReadings()).isEqualTo(2);
    }

    @Test
    void aCopyArrivingWhileTheFirstIsInFlightSharesItsFate() {
        // given a first copy whose write is pending, and a second copy
        RecordingAck first = new RecordingAck();
        RecordingAck second = new RecordingAck();
        pipeline.process(TOPIC, batch(1), first);
        pipeline.process(TOPIC, batch(1), second);
        assertThat(sink.writes).hasSize(1);

        // when the first write fails
        sink.futures.get(0).completeExceptionally(new TimeoutException("delivery timeout"));

        // then neither is acknowledged (both are redelivered)
        assertThat(first.failures).hasSize(1);
        assertThat(second.failures).hasSize(1);

        // and the next copy is written
        RecordingAck third = new RecordingAck();
        pipeline.process(TOPIC, batch(1), third);
        assertThat(sink.writes).hasSize(2);
        sink.futures.get(1).complete(null);
        assertThat(third.written).isEqualTo(1);
    }

    private static byte[] batch(int readings) {
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(
                    new Reading(
                            GW,
                            SensorId.of("wl-tra-leng"),
                            Quantity.WATER_LEVEL,
                            1.0 + i,
                            T.plusSeconds(i),
                            i));
        }
        return new SenmlCodec().encode(new ReadingBatch(GW, list));
    }

    /** A sink whose writes the test completes by hand. */
    private static final class PendingSink implements RecordSink {
        final List<KafkaWrite> writes = new ArrayList<>();
        final List<CompletableFuture<Void>> futures = new ArrayList<>();

        @Override
        public CompletableFuture<Void> write(KafkaWrite write) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            writes.add(write);
            futures.add(f);
            return f;
        }
    }

    private static final class RecordingAck implements Acknowledgement {
        int written;
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void written() {
            written++;
        }

        @Override
        public void failed(Throwable cause) {
            failures.add(cause);
        }
    }
}
