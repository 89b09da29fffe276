package vn.canhbao.stream.dlq;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;

/**
 * The watermarks of a source that emits decoded records ({@link Either#Right}) and dead letters
 * ({@link Either#Left}): the decoded records' strategy, applied to them alone. A dead letter gets
 * no event time of its own ({@link Long#MIN_VALUE}) and neither moves the watermark nor counts as
 * activity against idleness, so broken input can never make good readings late.
 *
 * @param <T> the decoded record
 */
public final class DecodedWatermarks<T> implements WatermarkStrategy<Either<DeadLetter, T>> {
    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<T> decoded;

    public DecodedWatermarks(WatermarkStrategy<T> decoded) {
        this.decoded = Objects.requireNonNull(decoded, "decoded");
    }

    @Override
    public WatermarkGenerator<Either<DeadLetter, T>> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        WatermarkGenerator<T> generator = decoded.createWatermarkGenerator(context);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(Either<DeadLetter, T> e, long timestamp, WatermarkOutput output) {
                if (e.isRight()) {
                    generator.onEvent(e.right(), timestamp, output);
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                generator.onPeriodicEmit(output);
            }
        };
    }

    @Override
    public TimestampAssigner<Either<DeadLetter, T>> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        TimestampAssigner<T> assigner = decoded.createTimestampAssigner(context);
        return (e, previous) ->
                e.isRight() ? assigner.extractTimestamp(e.right(), previous) : Long.MIN_VALUE;
    }
}
