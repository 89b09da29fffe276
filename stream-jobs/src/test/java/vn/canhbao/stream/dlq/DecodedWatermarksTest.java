package vn.canhbao.stream.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;

class DecodedWatermarksTest {
    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    watermarks.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    private final DecodedWatermarks<Long> strategy =
            new DecodedWatermarks<>(
                    WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofSeconds(1))
                            .withTimestampAssigner((t, previous) -> t));

    private static Either<DeadLetter, Long> letter() {
        return Either.Left(
                DeadLetter.undecodable(
                        "cb.telemetry.v1",
                        0,
                        7,
                        null,
                        new byte[] {1},
                        new ContractViolation("payload", "x", "not valid JSON"),
                        Instant.EPOCH));
    }

    @Test
    void aDeadLetterHasNoEventTimeAndNeverMovesTheWatermark() {
        TimestampAssigner<Either<DeadLetter, Long>> assigner =
                strategy.createTimestampAssigner(null);
        WatermarkGenerator<Either<DeadLetter, Long>> generator =
                strategy.createWatermarkGenerator(null);

        // a decoded record at 10 s, then a dead letter whose Kafka time is far ahead
        Either<DeadLetter, Long> record = Either.Right(10_000L);
        generator.onEvent(record, assigner.extractTimestamp(record, 9_000L), output);
        generator.onPeriodicEmit(output);
        long letterTime = assigner.extractTimestamp(letter(), 99_000_000L);
        generator.onEvent(letter(), letterTime, output);
        generator.onPeriodicEmit(output);

        assertThat(assigner.extractTimestamp(record, 9_000L)).isEqualTo(10_000L);
        assertThat(letterTime).isEqualTo(Long.MIN_VALUE);
        // the decoded strategy's watermark (10 s - 1 s - 1 ms), unchanged by the dead letter
        assertThat(watermarks).containsExactly(8_999L, 8_999L);
    }
}
