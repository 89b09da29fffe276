package vn.canhbao.ops.intake;

import java.util.Map;

/**
 * What one committed batch did, counted by outcome ({@code applied}, {@code duplicate}, {@code
 * stale}, {@code rejected}, {@code deleted}).
 */
public record BatchSummary(String topic, Map<String, Integer> counts) {
    public BatchSummary {
        counts = Map.copyOf(counts);
    }

    public int count(String outcome) {
        return counts.getOrDefault(outcome, 0);
    }
}
