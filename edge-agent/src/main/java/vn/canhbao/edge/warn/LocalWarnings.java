package vn.canhbao.edge.warn;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.hazards.flood.FloodRuleParams;
import vn.canhbao.hazards.flood.FloodRuleResult;
import vn.canhbao.hazards.flood.FloodRuleState;
import vn.canhbao.hazards.flood.FloodStageRule;
import vn.canhbao.hazards.flood.FloodStageTable;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.hazards.flood.RateOfRiseRule;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.flood.StageSample;

/**
 * The hazard rule core on the gateway: every water-level reading of the site goes through the
 * {@code hazards} flood-stage rule (BĐ I/II/III, with its persistence and hysteresis) and, when
 * enabled, the flash-flood rate-of-rise rule. Each transition becomes an {@link AlertEvent} that is
 * journaled durably at alert priority ({@link AlertJournal}) and may drive the local output.
 *
 * <p>Driving the output: an episode whose level is at or above {@code minLevel} sounds ({@code on})
 * when the mode is {@code always}, or when it is {@code when-uplink-down} and the uplink is down at
 * the transition or goes down while the episode is open. Once sounding, an episode keeps sounding
 * until it clears or falls below {@code minLevel} ({@code off}), whatever the uplink does
 * afterwards: the siren follows the alert lifecycle (whose persistence, deadband and clear time
 * prevent flapping), never the link. A level change while sounding sends {@code on} again with the
 * new level.
 *
 * <p>Rules only run once a site config with flood thresholds is known (from remote config); the
 * thresholds and calibrations are read from it at every reading, so a new config applies to the
 * next reading. Rain rules are not run on the gateway yet. Thread-safe (one lock); the journal
 * append happens under it (alerts are rare), the hook never does.
 */
public final class LocalWarnings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWarnings.class);

    private final LocalWarningsConfig config;
    private final Supplier<Optional<SiteConfig>> site;
    private final BooleanSupplier uplinkUp;
    private final AlertJournal journal;
    private final CommandHook hook;
    private final Clock clock;
    private final FloodStageRule floodRule = new FloodStageRule(FloodStageTable.defaultTable());
    private final RateOfRiseRule riseRule = new RateOfRiseRule(RateOfRiseParams.defaults());
    private final FloodRuleParams floodParams = FloodRuleParams.defaults();
    private final Map<SensorId, FloodRuleState> floodStates = new HashMap<>();
    private final Map<SensorId, RiseState> riseStates = new HashMap<>();

    /** Open episodes by alert id, with their latest event. */
    private final Map<String, AlertEvent> open = new LinkedHashMap<>();

    /** Episodes currently driving the output, by alert id, with the level last sent. */
    private final Map<String, RiskLevel> sounding = new HashMap<>();

    private final AtomicLong transitions = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong journalFailures = new AtomicLong();
    private final AtomicLong sirenOn = new AtomicLong();
    private final AtomicLong sirenOff = new AtomicLong();
    private final AtomicLong skippedNoConfig = new AtomicLong();
    private boolean lastUp = true;

    public LocalWarnings(
            LocalWarningsConfig config,
            Supplier<Optional<SiteConfig>> site,
            BooleanSupplier uplinkUp,
            AlertJournal journal,
            CommandHook hook,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.site = Objects.requireNonNull(site, "site");
        this.uplinkUp = Objects.requireNonNull(uplinkUp, "uplinkUp");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public LocalWarningsConfig config() {
        return config;
    }

    /**
     * Evaluates one reading (already numbered). Never throws for a reading the rules cannot use.
     *
     * @return the alert events it caused, in order (usually none)
     */
    public synchronized List<AlertEvent> onReading(Reading reading) {
        if (config.mode() == WarningMode.OFF || reading.quantity() != Quantity.WATER_LEVEL) {
            return List.of();
        }
        checkUplinkLocked();
        Optional<SiteConfig> current = site.get();
        Optional<FloodThresholds> thresholds = current.flatMap(SiteConfig::flood);
        Optional<SensorConfig> sensor = current.flatMap(s -> s.sensor(reading.sensor()));
        if (thresholds.isEmpty() || sensor.isEmpty()) {
            skippedNoConfig.incrementAndGet();
            return List.of();
        }
        StageSample sample = StageSample.of(reading, sensor.get());
        List<AlertEvent> events = new ArrayList<>(2);
        FloodRuleResult flood =
                floodRule.evaluate(
                        floodStates.getOrDefault(reading.sensor(), FloodRuleState.EMPTY),
                        sample,
                        thresholds.get(),
                        floodParams);
        if (flood.state().isEmpty()) {
            floodStates.remove(reading.sensor());
        } else {
            floodStates.put(reading.sensor(), flood.state());
        }
        flood.transition()
                .ifPresent(t -> events.add(t.toAlertEvent(current.get().site(), clock.instant())));
        if (config.rateOfRise()) {
            RateOfRiseRule.Result rise =
                    riseRule.evaluate(
                            riseStates.getOrDefault(reading.sensor(), RiseState.EMPTY),
                            sample,
                            thresholds.get());
            riseStates.put(reading.sensor(), rise.state());
            rise.transition()
                    .ifPresent(
                            t -> events.add(t.toAlertEvent(current.get().site(), clock.instant())));
        }
        for (AlertEvent e : events) {
            onTransition(e);
        }
        return events;
    }

    /**
     * Looks at the uplink now: when it has gone down, open episodes at or above {@code minLevel}
     * start sounding (mode {@code when-uplink-down}). The agent calls this every second, so a cut
     * is noticed without waiting for a reading.
     */
    public synchronized void checkUplink() {
        checkUplinkLocked();
    }

    private void checkUplinkLocked() {
        boolean up = uplinkUp.getAsBoolean();
        if (up == lastUp) {
            return;
        }
        lastUp = up;
        LOG.info("local warnings: uplink {}", up ? "up" : "down");
        if (!up && config.mode() == WarningMode.WHEN_UPLINK_DOWN) {
            for (AlertEvent e : open.values()) {
                if (atOrAbove(e.level()) && !sounding.containsKey(e.alertId())) {
                    sound(e);
                }
            }
        }
    }

    private void onTransition(AlertEvent e) {
        transitions.incrementAndGet();
        LOG.warn(
                "local alert {} {} level {} at {} ({}, rev {})",
                e.hazard().wireName(),
                e.state(),
                e.level().number(),
                e.site().value(),
                e.alertId(),
                e.revision());
        try {
            journal.appendDurably(AlertEvent.CODEC.encode(e));
            journaled.incrementAndGet();
        } catch (RuntimeException ex) {
            // The siren still sounds: warning people comes before bookkeeping.
            journalFailures.incrementAndGet();
            LOG.error("local alert {} could not be journaled", e.alertId(), ex);
        }
        boolean ended = e.state() == AlertState.CLEARED;
        if (ended) {
            open.remove(e.alertId());
        } else {
            open.put(e.alertId(), e);
        }
        if (ended || !atOrAbove(e.level())) {
            if (sounding.remove(e.alertId()) != null) {
                sirenOff.incrementAndGet();
                hook.fire(new SirenCommand(SirenCommand.Action.OFF, e));
            }
            return;
        }
        boolean drive =
                config.mode() == WarningMode.ALWAYS
                        || sounding.containsKey(e.alertId())
                        || (config.mode() == WarningMode.WHEN_UPLINK_DOWN && !lastUp);
        if (drive && sounding.get(e.alertId()) != e.level()) {
            sound(e);
        }
    }

    private void sound(AlertEvent e) {
        sounding.put(e.alertId(), e.level());
        sirenOn.incrementAndGet();
        hook.fire(new SirenCommand(SirenCommand.Action.ON, e));
    }

    private boolean atOrAbove(RiskLevel level) {
        return level.number() >= config.minLevel().number();
    }

    public synchronized WarningStats stats() {
        return new WarningStats(
                config.mode().wireName(),
                transitions.get(),
                journaled.get(),
                journalFailures.get(),
                sirenOn.get(),
                sirenOff.get(),
                sounding.size(),
                open.size(),
                skippedNoConfig.get(),
                hook.stats());
    }

    /** Counters for the heartbeat. */
    public record WarningStats(
            String mode,
            long transitions,
            long journaled,
            long journalFailures,
            long sirenOn,
            long sirenOff,
            int sounding,
            int openEpisodes,
            long readingsWithoutConfig,
            CommandHook.HookStats hook) {}

    @Override
    public void close() {
        hook.close();
    }
}
