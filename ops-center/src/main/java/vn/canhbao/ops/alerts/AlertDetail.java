package vn.canhbao.ops.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One alert with its full history.
 *
 * @param alert the current state
 * @param transitions every transition received, by revision
 * @param acks every operator acknowledgement, oldest first
 */
public record AlertDetail(
        AlertView alert, List<Transition> transitions, List<AlertView.AckView> acks) {

    /** One stored transition of the episode. */
    public record Transition(
            int revision,
            String state,
            AlertView.LevelView level,
            Instant time,
            Instant emittedAt,
            Instant receivedAt,
            List<AlertView.EvidenceView> evidence) {}
}
