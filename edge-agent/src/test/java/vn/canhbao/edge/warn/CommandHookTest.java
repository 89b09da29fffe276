package vn.canhbao.edge.warn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteId;

class CommandHookTest {
    @TempDir Path dir;

    static AlertEvent alert(RiskLevel level) {
        Instant start = Instant.parse("2026-07-01T01:00:00Z");
        SiteId site = SiteId.of("nam-cang");
        return new AlertEvent(
                AlertEvent.idFor(site, Hazard.FLOOD, "flood.stage", start),
                0,
                site,
                Hazard.FLOOD,
                "flood.stage",
                "flood-stage-v1",
                start,
                level,
                AlertState.RAISED,
                start,
                start,
                List.of(),
                true);
    }

    @Test
    void passesArgumentsAndEnvironmentAndCountsSuccess() throws Exception {
        // given a hook that records its arguments and one environment variable
        Path out = dir.resolve("out.txt");
        try (CommandHook hook =
                new CommandHook(
                        List.of(
                                "sh",
                                "-c",
                                "echo \"$@ $CANHBAO_LEVEL\" > " + out + "; echo sounded",
                                "hook"),
                        Duration.ofSeconds(5))) {
            // when
            HookResult r =
                    hook.fire(new SirenCommand(SirenCommand.Action.ON, alert(RiskLevel.LEVEL_2)))
                            .get(10, TimeUnit.SECONDS);
            // then
            assertThat(r.outcome()).isEqualTo(HookResult.Outcome.SUCCEEDED);
            assertThat(r.exitCode()).hasValue(0);
            assertThat(r.output()).isEqualTo("sounded");
            assertThat(Files.readString(out).strip())
                    .startsWith("on 2 flood nam-cang al-")
                    .endsWith(" 2");
            assertThat(hook.stats().succeeded()).isEqualTo(1);
        }
    }

    @Test
    void killsAHookThatOverrunsItsTimeoutAndCountsIt() throws Exception {
        try (CommandHook hook =
                new CommandHook(
                        List.of("sh", "-c", "echo start; sleep 30"), Duration.ofMillis(300))) {
            long t0 = System.nanoTime();
            HookResult r =
                    hook.fire(new SirenCommand(SirenCommand.Action.ON, alert(RiskLevel.LEVEL_3)))
                            .get(10, TimeUnit.SECONDS);
            assertThat(r.outcome()).isEqualTo(HookResult.Outcome.TIMED_OUT);
            assertThat(r.output()).contains("start");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(hook.stats().timedOut()).isEqualTo(1);
        }
    }

    @Test
    void countsANonZeroExitAndAMissingExecutable() throws Exception {
        try (CommandHook failing =
                        new CommandHook(
                                List.of("sh", "-c", "echo relay busy >&2; exit 3"),
                                Duration.ofSeconds(5));
                CommandHook missing =
                        new CommandHook(
                                List.of(dir.resolve("no-such-hook").toString()),
                                Duration.ofSeconds(5))) {
            SirenCommand cmd = new SirenCommand(SirenCommand.Action.ON, alert(RiskLevel.LEVEL_2));
            HookResult f = failing.fire(cmd).get(10, TimeUnit.SECONDS);
            HookResult m = missing.fire(cmd).get(10, TimeUnit.SECONDS);
            assertThat(f.outcome()).isEqualTo(HookResult.Outcome.FAILED);
            assertThat(f.exitCode()).hasValue(3);
            assertThat(f.output()).isEqualTo("relay busy");
            assertThat(failing.stats().failed()).isEqualTo(1);
            assertThat(m.outcome()).isEqualTo(HookResult.Outcome.NOT_STARTED);
            assertThat(missing.stats().notStarted()).isEqualTo(1);
        }
    }

    @Test
    void aHangingHookDoesNotBlockTheCaller() {
        try (CommandHook hook =
                new CommandHook(List.of("sh", "-c", "sleep 30"), Duration.ofSeconds(1))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                hook.fire(new SirenCommand(SirenCommand.Action.ON, alert(RiskLevel.LEVEL_2)));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
        }
    }
}
