package vn.canhbao.stream.dlq;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dead letters on their way to the sink (metric {@code deadLetters}, and one counter per
 * reason, {@code deadLetters_<reason>}) and logs the first of each reason.
 */
public final class DeadLetterCounter extends RichMapFunction<DeadLetter, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCounter.class);

    private transient Counter all;
    private transient java.util.Map<String, Counter> byReason;

    @Override
    public void open(OpenContext openContext) {
        all = getRuntimeContext().getMetricGroup().counter("deadLetters");
        byReason = new java.util.HashMap<>();
    }

    @Override
    public DeadLetter map(DeadLetter d) {
        all.inc();
        byReason.computeIfAbsent(
                        d.reason(),
                        r -> {
                            LOG.warn(
                                    "first dead letter for reason {}: key {}, field {}, {}",
                                    r,
                                    d.key(),
                                    d.field(),
                                    d.detail());
                            return getRuntimeContext().getMetricGroup().counter("deadLetters_" + r);
                        })
                .inc();
        return d;
    }
}
