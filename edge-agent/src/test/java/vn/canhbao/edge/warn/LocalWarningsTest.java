package vn.canhbao.edge.warn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.edge.MutableClock;

class LocalWarningsTest {
    private static final Instant T0 = Instant.parse("2026-07-01T01:00:00Z");

    @TempDir Path dir;
    private final AtomicBoolean uplinkUp = new AtomicBoolean(true);
    private final List<AlertEvent> journal = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final MutableClock clock = new MutableClock(T0);
    private Optional<SiteConfig> site = Optional.of(TestSites.namCang(3));
    private LocalWarnings warnings;
    private Path hookLog;

    private LocalWarnings warnings(WarningMode mode, AlertJournal j) {
        hookLog = dir.resolve("siren.log");
        LocalWarningsConfig cfg =
                LocalWarningsConfig.defaults()
                        .withMode(mode)
                        .withMinLevel(RiskLevel.LEVEL_2)
                        .withRateOfRise(false)
                        .withHook(
                                List.of("sh", "-c", "echo \"$1 $2 $3\" >> " + hookLog, "hook"),
                                Duration.ofSeconds(5));
        warnings = new LocalWarnings(cfg, () -> site, uplinkUp::get, j, CommandHook.of(cfg), clock);
        return warnings;
    }

    private LocalWarnings warnings(WarningMode mode) {
        return warnings(
                mode,
                payload -> {
                    try {
                        journal.add(Json.mapper().readValue(payload, AlertEvent.class));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @AfterEach
    void close() {
        if (warnings != null) {
            warnings.close();
        }
    }

    /** One water-level reading every 10 s of event time, metres. */
    private void levels(double... metres) {
        for (double m : metres) {
            clock.advance(Duration.ofSeconds(10));
            warnings.onReading(
                    new Reading(
                            TestSites.GW,
                            TestSites.WL,
                            Quantity.WATER_LEVEL,
                            m,
                            clock.instant(),
                            seq.incrementAndGet()));
        }
    }

    private List<String> siren() throws IOException {
        return Files.exists(hookLog) ? Files.readAllLines(hookLog) : List.of();
    }

    private void awaitSiren(String... lines) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(siren()).containsExactly(lines));
    }

    @Test
    void soundsAtTheConfiguredLevelWhenTheUplinkIsDown() throws Exception {
        // given
        warnings(WarningMode.WHEN_UPLINK_DOWN);
        uplinkUp.set(false);
        // when the river passes BĐ I (level 1, below minLevel 2), then BĐ II
        levels(1.0, 2.5, 2.5);
        Thread.sleep(300);
        assertThat(siren()).isEmpty();
        levels(3.2, 3.2);
        // then
        awaitSiren("on 2 flood");
        assertThat(journal)
                .extracting(AlertEvent::state)
                .containsExactly(AlertState.RAISED, AlertState.UPDATED);
        assertThat(journal).extracting(e -> e.level().number()).containsExactly(1, 2);
        assertThat(journal).allMatch(AlertEvent::localSensorAlert);
        assertThat(warnings.stats().sirenOn()).isEqualTo(1);
    }

    @Test
    void journalsButStaysSilentWhileTheUplinkIsUpThenSoundsWhenItDrops() throws Exception {
        warnings(WarningMode.WHEN_UPLINK_DOWN);
        levels(3.2, 3.2);
        Thread.sleep(300);
        assertThat(siren()).isEmpty();
        assertThat(journal).hasSize(1);
        assertThat(journal.get(0).level()).isEqualTo(RiskLevel.LEVEL_2);

        // when the uplink drops with the episode still open
        uplinkUp.set(false);
        warnings.checkUplink();

        // then
        awaitSiren("on 2 flood");
    }

    @Test
    void soundsWithTheUplinkUpInModeAlways() {
        warnings(WarningMode.ALWAYS);
        levels(4.3, 4.3);
        awaitSiren("on 3 flood");
    }

    @Test
    void doesNothingInModeOff() throws Exception {
        warnings(WarningMode.OFF);
        uplinkUp.set(false);
        levels(4.3, 4.3, 4.3);
        Thread.sleep(300);
        assertThat(siren()).isEmpty();
        assertThat(journal).isEmpty();
    }

    @Test
    void neverTogglesWithTheLinkOrAroundTheThresholdAndStopsWhenTheLevelFalls() throws Exception {
        warnings(WarningMode.WHEN_UPLINK_DOWN);
        uplinkUp.set(false);
        levels(3.2, 3.2);
        awaitSiren("on 2 flood");

        // when the uplink flaps and the river wobbles just around BĐ II
        uplinkUp.set(true);
        warnings.checkUplink();
        levels(2.98, 3.01, 2.97, 3.02, 2.99);
        uplinkUp.set(false);
        warnings.checkUplink();
        uplinkUp.set(true);
        levels(3.0, 2.99);
        Thread.sleep(300);
        // then the siren neither stops nor restarts
        assertThat(siren()).containsExactly("on 2 flood");

        // when the river falls below BĐ II for longer than the clear time (10 min)
        for (int i = 0; i < 70; i++) {
            levels(2.5);
        }
        // then it stops once, even with the uplink up
        awaitSiren("on 2 flood", "off 1 flood");
        assertThat(warnings.stats().sirenOff()).isEqualTo(1);
    }

    @Test
    void aJournalFailureDoesNotSilenceTheSiren() {
        warnings(
                WarningMode.ALWAYS,
                payload -> {
                    throw new UncheckedIOException(new IOException("disk full"));
                });
        levels(3.5, 3.5);
        awaitSiren("on 2 flood");
        assertThat(warnings.stats().journalFailures()).isEqualTo(1);
    }

    @Test
    void waitsForASiteConfigBeforeJudging() throws Exception {
        site = Optional.empty();
        warnings(WarningMode.ALWAYS);
        levels(4.5, 4.5, 4.5);
        Thread.sleep(300);
        assertThat(siren()).isEmpty();
        assertThat(warnings.stats().readingsWithoutConfig()).isEqualTo(3);
    }
}
