package vn.canhbao.stream.dlq;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.canhbao.stream.serde.JsonTypeInfo;

/**
 * Splits a source's elements from its dead letters: {@link Either#Right} goes on, {@link
 * Either#Left} to the side output {@link #DEAD_LETTERS}. Chained to its source, so an element costs
 * one call and no serialization.
 *
 * @param <T> the source's decoded element
 */
public final class DeadLetterSplit<T> extends ProcessFunction<Either<DeadLetter, T>, T> {
    private static final long serialVersionUID = 1L;

    /** The dead letters of the source this function follows. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("undecodable-input", JsonTypeInfo.of(DeadLetter.class));

    @Override
    public void processElement(Either<DeadLetter, T> element, Context ctx, Collector<T> out) {
        if (element.isRight()) {
            out.collect(element.right());
        } else {
            ctx.output(DEAD_LETTERS, element.left());
        }
    }
}
