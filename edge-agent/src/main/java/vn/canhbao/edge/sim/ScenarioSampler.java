package vn.canhbao.edge.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.edge.scenario.Scenario;
import vn.canhbao.edge.scenario.SensorSeries;

/**
 * Samples every sensor of a scenario once per call and returns the readings as one batch.
 *
 * <p>Scenario time is the wall-clock time elapsed since {@code start}, multiplied by {@code
 * timeScale} (4 plays the scenario four times faster). Readings carry the wall-clock time of
 * sampling from the injected {@link Clock}, not scenario time, and take their sequence numbers from
 * {@code sequence} in sensor order. Not thread-safe: call from one thread.
 */
public final class ScenarioSampler {
    private final Scenario scenario;
    private final Clock clock;
    private final Instant start;
    private final double timeScale;
    private final LongSupplier sequence;

    public ScenarioSampler(
            Scenario scenario,
            Clock clock,
            Instant start,
            double timeScale,
            LongSupplier sequence) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = Objects.requireNonNull(start, "start");
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
            throw new IllegalArgumentException(
                    "timeScale must be a positive finite number, got " + timeScale);
        }
        this.timeScale = timeScale;
    }

    /** Scenario time at wall-clock instant {@code now}. */
    public Duration scenarioTime(Instant now) {
        long elapsedNanos = Duration.between(start, now).toNanos();
        return Duration.ofNanos(Math.round(elapsedNanos * timeScale));
    }

    /** One reading per sensor at the clock's current instant, in scenario order. */
    public ReadingBatch sample() {
        Instant now = clock.instant();
        Duration t = scenarioTime(now);
        List<Reading> readings = new ArrayList<>(scenario.sensors().size());
        for (SensorSeries s : scenario.sensors()) {
            readings.add(
                    new Reading(
                            scenario.gateway(),
                            s.sensor(),
                            s.quantity(),
                            round(s.valueAt(t)),
                            now,
                            sequence.getAsLong()));
        }
        return new ReadingBatch(scenario.gateway(), readings);
    }

    /** Millimetre resolution, as a real gauge would report; keeps packs short. */
    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
