package vn.canhbao.edge.warn;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one run of the hook did.
 *
 * @param command the instruction it was run for
 * @param outcome how it ended
 * @param exitCode the process's exit code, when it exited by itself
 * @param output the first {@link CommandHook#MAX_OUTPUT_CHARS} characters of stdout and stderr
 * @param took from start to end (or to the kill)
 */
public record HookResult(
        SirenCommand command, Outcome outcome, OptionalInt exitCode, String output, Duration took) {
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        NOT_STARTED,
        NOT_CONFIGURED
    }

    public HookResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(took, "took");
    }
}
