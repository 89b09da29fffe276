package vn.canhbao.edge.warn;

import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.AlertEvent;

/**
 * One instruction to the local output, passed to the hook as arguments after the configured
 * command: {@code <action> <level> <hazard> <site> <alertId>}, and as environment variables {@code
 * CANHBAO_ACTION}, {@code CANHBAO_LEVEL}, {@code CANHBAO_HAZARD}, {@code CANHBAO_SITE}, {@code
 * CANHBAO_ALERT_ID}, {@code CANHBAO_RULE}.
 *
 * @param action {@code on} (sound, or change level while sounding) or {@code off}
 * @param alert the alert event behind it
 */
public record SirenCommand(Action action, AlertEvent alert) {
    public enum Action {
        ON("on"),
        OFF("off");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public SirenCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(alert, "alert");
    }

    /** The arguments appended to the configured command. */
    public List<String> arguments() {
        return List.of(
                action.wireName(),
                Integer.toString(alert.level().number()),
                alert.hazard().wireName(),
                alert.site().value(),
                alert.alertId());
    }
}
