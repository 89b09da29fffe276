package vn.canhbao.edge.warn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.RiskLevel;

/**
 * Settings of the local warnings. Validated on construction; every bad value throws {@link
 * ContractViolation} naming the field ({@code localWarnings.…}) and the value.
 *
 * @param mode when the hook is driven (default {@link WarningMode#WHEN_UPLINK_DOWN})
 * @param minLevel the lowest risk level that drives the output (default 2, BĐ II in the default
 *     flood table)
 * @param hookCommand the executable and its fixed leading arguments; empty = no output, alerts are
 *     still journaled
 * @param hookTimeout a hook still running after this is killed and counted as timed out (default 10
 *     s, 100 ms to 5 min)
 * @param rateOfRise also run the flash-flood rate-of-rise rule (default true)
 */
public record LocalWarningsConfig(
        WarningMode mode,
        RiskLevel minLevel,
        List<String> hookCommand,
        Duration hookTimeout,
        boolean rateOfRise) {
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public LocalWarningsConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(minLevel, "minLevel");
        Objects.requireNonNull(hookTimeout, "hookTimeout");
        hookCommand = List.copyOf(Objects.requireNonNull(hookCommand, "hookCommand"));
        for (int i = 0; i < hookCommand.size(); i++) {
            String a = hookCommand.get(i);
            if (a.isEmpty() || a.indexOf('\0') >= 0) {
                throw new ContractViolation(
                        "localWarnings.hook.command[" + i + "]",
                        a,
                        "expected a non-empty argument without NUL");
            }
        }
        if (hookTimeout.compareTo(MIN_TIMEOUT) < 0 || hookTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new ContractViolation(
                    "localWarnings.hook.timeout", hookTimeout, "expected PT0.1S to PT5M");
        }
    }

    /** When the uplink is down, level 2 and above, no hook, 10 s timeout, rate of rise on. */
    public static LocalWarningsConfig defaults() {
        return new LocalWarningsConfig(
                WarningMode.WHEN_UPLINK_DOWN,
                RiskLevel.LEVEL_2,
                List.of(),
                Duration.ofSeconds(10),
                true);
    }

    public LocalWarningsConfig withMode(WarningMode m) {
        return new LocalWarningsConfig(m, minLevel, hookCommand, hookTimeout, rateOfRise);
    }

    public LocalWarningsConfig withMinLevel(RiskLevel l) {
        return new LocalWarningsConfig(mode, l, hookCommand, hookTimeout, rateOfRise);
    }

    public LocalWarningsConfig withHook(List<String> command, Duration timeout) {
        return new LocalWarningsConfig(mode, minLevel, command, timeout, rateOfRise);
    }

    public LocalWarningsConfig withRateOfRise(boolean on) {
        return new LocalWarningsConfig(mode, minLevel, hookCommand, hookTimeout, on);
    }
}
