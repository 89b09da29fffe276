package vn.canhbao.hazards.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import vn.canhbao.contracts.RiskLevel;

/**
 * An open alert episode of one rule at one site (or sensor). Immutable; Jackson-serializable.
 *
 * @param start event time of the evaluation that raised it (part of the alert id)
 * @param grade the rule's internal grade it stands at (1 = lowest alarm grade)
 * @param level the risk level that grade announces
 * @param revision the revision of the last transition announced (0 = raised)
 * @param gradeSince event time the episode moved to {@code grade} (for the minimum dwell)
 * @param belowSince per grade at or below {@code grade}: since when the hold grade has stayed
 *     continuously below it
 */
public record AlertEpisode(
        Instant start,
        int grade,
        RiskLevel level,
        int revision,
        Instant gradeSince,
        Map<Integer, Instant> belowSince) {
    public AlertEpisode {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(gradeSince, "gradeSince");
        belowSince = Map.copyOf(Objects.requireNonNull(belowSince, "belowSince"));
        if (grade < 1) {
            throw new IllegalArgumentException("grade: expected 1 or more (got " + grade + ")");
        }
        if (revision < 0) {
            throw new IllegalArgumentException(
                    "revision: expected 0 or more (got " + revision + ")");
        }
    }
}
