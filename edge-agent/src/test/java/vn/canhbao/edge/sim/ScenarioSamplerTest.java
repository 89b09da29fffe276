package vn.canhbao.edge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.MutableClock;
import vn.canhbao.edge.scenario.Scenario;
import vn.canhbao.edge.scenario.SensorSeries;
import vn.canhbao.edge.scenario.SeriesPoint;

class ScenarioSamplerTest {
    private static final GatewayId GW = GatewayId.of("gw-1");
    private static final Instant START = Instant.parse("2026-09-10T03:00:00Z");
    private static final Scenario SCENARIO =
            new Scenario(
                    GW,
                    Duration.ofSeconds(1),
                    List.of(
                            new SensorSeries(
                                    SensorId.of("wl-1"),
                                    Quantity.WATER_LEVEL,
                                    List.of(
                                            new SeriesPoint(Duration.ZERO, 1.0),
                                            new SeriesPoint(Duration.ofSeconds(40), 5.0)),
                                    Optional.empty()),
                            new SensorSeries(
                                    SensorId.of("rg-1"),
                                    Quantity.RAIN,
                                    List.of(new SeriesPoint(Duration.ZERO, 3.0)),
                                    Optional.empty())));

    private final MutableClock clock = new MutableClock(START);
    private final AtomicLong seq = new AtomicLong(500);

    @Test
    void batchesOneReadingPerSensorWithConsecutiveSequenceNumbers() {
        ScenarioSampler sampler =
                new ScenarioSampler(SCENARIO, clock, START, 1.0, seq::getAndIncrement);

        ReadingBatch first = sampler.sample();
        clock.advance(Duration.ofSeconds(1));
        ReadingBatch second = sampler.sample();

        assertThat(first.gateway()).isEqualTo(GW);
        assertThat(first.readings())
                .extracting(Reading::sensor)
                .containsExactly(SensorId.of("wl-1"), SensorId.of("rg-1"));
        assertThat(first.readings()).extracting(Reading::seq).containsExactly(500L, 501L);
        assertThat(second.readings()).extracting(Reading::seq).containsExactly(502L, 503L);
    }

    @Test
    void readingsCarryTheWallClockTimeOfSamplingNotScenarioTime() {
        ScenarioSampler sampler =
                new ScenarioSampler(SCENARIO, clock, START, 10.0, seq::getAndIncrement);
        clock.advance(Duration.ofSeconds(2));

        ReadingBatch batch = sampler.sample();

        assertThat(batch.readings()).extracting(Reading::time).containsOnly(START.plusSeconds(2));
    }

    @Test
    void theTimeScaleCompressesTheScenario() {
        ScenarioSampler realTime =
                new ScenarioSampler(SCENARIO, clock, START, 1.0, seq::getAndIncrement);
        ScenarioSampler fourTimes =
                new ScenarioSampler(SCENARIO, clock, START, 4.0, seq::getAndIncrement);
        clock.advance(Duration.ofSeconds(10));

        assertThat(realTime.sample().readings().get(0).value()).isEqualTo(2.0);
        assertThat(fourTimes.sample().readings().get(0).value()).isEqualTo(5.0);
        assertThat(fourTimes.scenarioTime(START.plusSeconds(10))).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aBatchEncodesAsOneSenmlPackThatDecodesToTheSameReadings() {
        ScenarioSampler sampler =
                new ScenarioSampler(SCENARIO, clock, START, 1.0, seq::getAndIncrement);
        clock.advance(Duration.ofMillis(5_250));
        ReadingBatch batch = sampler.sample();

        byte[] pack = new SenmlCodec().encode(batch);

        assertThat(new SenmlCodec().decode(pack, GW)).isEqualTo(batch);
    }

    @Test
    void refusesANonPositiveTimeScale() {
        assertThatThrownBy(
                        () ->
                                new ScenarioSampler(
                                        SCENARIO, clock, START, 0.0, seq::getAndIncrement))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeScale");
        assertThatThrownBy(
                        () ->
                                new ScenarioSampler(
                                        SCENARIO, clock, START, Double.NaN, seq::getAndIncrement))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeScale");
    }
}
