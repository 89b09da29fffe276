package vn.canhbao.hazards.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.FloodThresholds;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.contracts.ThresholdProvenance;

class FloodStageRuleTest {
    private static final Instant T0 = Instant.parse("2026-09-30T00:00:00Z");
    private static final SensorId SENSOR = SensorId.of("wl-nam-cang");
    private static final SiteId SITE = SiteId.of("nam-cang");
    private static final FloodThresholds DEMO =
            new FloodThresholds(
                    2.0, 3.0, 4.0, OptionalDouble.of(5.0), 0.0, ThresholdProvenance.LOCAL_ESTIMATE);

    private final FloodStageRule rule = new FloodStageRule(FloodStageTable.defaultTable());
    private final FloodRuleParams params = FloodRuleParams.defaults();

    /** Feeds one sample per minute, starting at T0, and returns every transition. */
    private Run feed(FloodRuleState start, FloodThresholds thresholds, double... stages) {
        FloodRuleState state = start;
        List<FloodTransition> transitions = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            StageSample s = new StageSample(SENSOR, stages[i], T0.plus(Duration.ofMinutes(i)), i);
            FloodRuleResult r = rule.evaluate(state, s, thresholds, params);
            state = r.state();
            r.transition().ifPresent(transitions::add);
        }
        return new Run(state, transitions);
    }

    private record Run(FloodRuleState state, List<FloodTransition> transitions) {
        List<String> summary() {
            return transitions.stream()
                    .map(t -> t.state().wireName() + ":" + t.level().number() + ":r" + t.revision())
                    .toList();
        }
    }

    @Test
    void risingThroughAlarmLevelsRaisesThenEscalatesWithTheTableLevels() {
        // given a stream rising through BĐ I, II, III and the historical flood, two samples each
        // when
        Run run =
                feed(FloodRuleState.EMPTY, DEMO, 1.0, 1.5, 2.1, 2.3, 3.1, 3.3, 4.1, 4.4, 5.2, 5.3);

        // then
        assertThat(run.summary())
                .containsExactly("raised:1:r0", "updated:2:r1", "updated:3:r2", "updated:4:r3");
        FloodTransition raised = run.transitions().get(0);
        assertThat(raised.episodeStart()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(raised.stage()).isEqualTo(FloodStage.ALARM_1);
        assertThat(raised.evidence()).extracting(e -> e.value()).containsExactly(2.1, 2.3);
        assertThat(raised.evidence())
                .allSatisfy(
                        e -> {
                            assertThat(e.threshold()).isEqualTo("BD1");
                            assertThat(e.thresholdValue()).isEqualTo(2.0);
                        });
        assertThat(run.transitions())
                .extracting(FloodTransition::episodeStart)
                .containsOnly(raised.episodeStart());
        assertThat(run.transitions().get(2).evidence())
                .extracting(e -> e.threshold())
                .containsOnly("BD3");
    }

    @Test
    void aSingleSampleSpikeDoesNotRaise() {
        Run run = feed(FloodRuleState.EMPTY, DEMO, 1.0, 1.0, 4.5, 1.0, 1.0, 1.0);

        assertThat(run.transitions()).isEmpty();
        assertThat(run.state()).isEqualTo(FloodRuleState.EMPTY);
    }

    @Test
    void aSpikeOnTopOfAnEpisodeDoesNotEscalate() {
        Run run = feed(FloodRuleState.EMPTY, DEMO, 2.2, 2.2, 4.5, 2.2, 2.2);

        assertThat(run.summary()).containsExactly("raised:1:r0");
    }

    @Test
    void oscillationAroundAThresholdDoesNotFlap() {
        // given the level swinging around BD I (2.0 m) for an hour, never 10 minutes below 1.95 m
        double[] series = new double[60];
        for (int i = 0; i < series.length; i++) {
            series[i] = i % 2 == 0 ? 2.1 : 1.9;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:1:r0");
    }

    @Test
    void oscillationInsideTheDeadbandNeverStartsTheClearClock() {
        double[] series = new double[40];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 3 ? 2.1 : 1.96;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:1:r0");
        assertThat(run.state().episode()).isPresent();
    }

    @Test
    void clearsOnlyAfterStayingBelowTheDeadbandForTheClearTime() {
        // given an episode at level 1, then the level falls to 1.5 m from minute 3
        double[] series = new double[16];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 3 ? 2.2 : 1.5;
        }

        // when 1.5 m is fed from minute 3 to 15: 10 minutes below is reached at minute 13
        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        // then
        assertThat(run.summary()).containsExactly("raised:1:r0", "cleared:1:r1");
        FloodTransition cleared = run.transitions().get(1);
        assertThat(cleared.time()).isEqualTo(T0.plus(Duration.ofMinutes(13)));
        assertThat(cleared.episodeStart()).isEqualTo(run.transitions().get(0).episodeStart());
        assertThat(cleared.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e.threshold()).isEqualTo("BD1"));
        assertThat(run.state()).isEqualTo(FloodRuleState.EMPTY);
    }

    @Test
    void fallingStepsDownOneLevelPerClearTimeAndNeverBelowWhereTheWaterIs() {
        // given level 3 reached, then the water stays at 3.5 m (above BD II) for 30 minutes
        double[] series = new double[36];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 3 ? 4.2 : 3.5;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:3:r0", "updated:2:r1");
        assertThat(run.transitions().get(1).time()).isEqualTo(T0.plus(Duration.ofMinutes(13)));
    }

    @Test
    void aFastFallClearsStraightFromTheTopLevel() {
        double[] series = new double[16];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 3 ? 4.2 : 0.5;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:3:r0", "cleared:3:r1");
    }

    @Test
    void reRisingAfterADeEscalationReusesTheEpisode() {
        double[] series = new double[20];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 3 ? 3.2 : i < 15 ? 2.5 : 3.3;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:2:r0", "updated:1:r1", "updated:2:r2");
        assertThat(run.transitions())
                .extracting(FloodTransition::episodeStart)
                .containsOnly(T0.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aNewEpisodeAfterClearingGetsANewId() {
        double[] series = new double[20];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 2 ? 2.5 : i < 14 ? 1.0 : 2.5;
        }

        Run run = feed(FloodRuleState.EMPTY, DEMO, series);

        assertThat(run.summary()).containsExactly("raised:1:r0", "cleared:1:r1", "raised:1:r0");
        assertThat(run.transitions().get(2).alertId(SITE))
                .isNotEqualTo(run.transitions().get(0).alertId(SITE));
    }

    @Test
    void replayingTheSameReadingsYieldsIdenticalAlertIdsAndRevisions() {
        double[] series = {
            1.0, 2.1, 2.3, 3.1, 3.3, 4.1, 4.4, 4.3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
            1.0, 1.0, 1.0
        };
        Instant emitted = Instant.parse("2026-09-30T01:00:00Z");

        List<AlertEvent> first =
                feed(FloodRuleState.EMPTY, DEMO, series).transitions().stream()
                        .map(t -> t.toAlertEvent(SITE, emitted))
                        .toList();
        List<AlertEvent> replay =
                feed(FloodRuleState.EMPTY, DEMO, series).transitions().stream()
                        .map(t -> t.toAlertEvent(SITE, emitted))
                        .toList();

        assertThat(first).hasSize(4).isEqualTo(replay);
        assertThat(first).extracting(AlertEvent::alertId).containsOnly(first.get(0).alertId());
        assertThat(first).extracting(AlertEvent::revision).containsExactly(0, 1, 2, 3);
        assertThat(first)
                .extracting(AlertEvent::state)
                .containsExactly(
                        AlertState.RAISED,
                        AlertState.UPDATED,
                        AlertState.UPDATED,
                        AlertState.CLEARED);
    }

    @Test
    void duplicateAndOutOfOrderSamplesAreIgnored() {
        Run run = feed(FloodRuleState.EMPTY, DEMO, 2.5);
        StageSample again = new StageSample(SENSOR, 2.5, T0, 0);

        FloodRuleResult r = rule.evaluate(run.state(), again, DEMO, params);

        assertThat(r.transition()).isEmpty();
        assertThat(r.state()).isEqualTo(run.state());
    }

    @Test
    void withoutAHistoricalLevelTheTopIsLevelThree() {
        FloodThresholds noHistory =
                new FloodThresholds(
                        2.0,
                        3.0,
                        4.0,
                        OptionalDouble.empty(),
                        0.0,
                        ThresholdProvenance.LOCAL_ESTIMATE);

        Run run = feed(FloodRuleState.EMPTY, noHistory, 9.0, 9.0, 9.0);

        assertThat(run.summary()).containsExactly("raised:3:r0");
    }

    @Test
    void alertEventIsALocalSensorFloodAlertWithTheDeterministicId() {
        FloodTransition raised = feed(FloodRuleState.EMPTY, DEMO, 2.5, 2.5).transitions().get(0);

        AlertEvent event = raised.toAlertEvent(SITE, T0);

        assertThat(event.alertId())
                .isEqualTo(AlertEvent.idFor(SITE, Hazard.FLOOD, "flood.stage", T0.plusSeconds(60)));
        assertThat(event.localSensorAlert()).isTrue();
        assertThat(event.level()).isEqualTo(RiskLevel.LEVEL_1);
        assertThat(event.ruleVersion()).isEqualTo("flood-stage-v1");
        assertThat(AlertEvent.CODEC.decode(AlertEvent.CODEC.encode(event))).isEqualTo(event);
    }

    @Test
    void calibratesRawReadingsWithTheSensorConfig() {
        SensorConfig config =
                new SensorConfig(
                        SENSOR,
                        GatewayId.of("gw-nam-cang"),
                        Quantity.WATER_LEVEL,
                        0.01,
                        1.0,
                        Duration.ofSeconds(60));
        Reading raw =
                new Reading(GatewayId.of("gw-nam-cang"), SENSOR, Quantity.WATER_LEVEL, 150, T0, 7);

        StageSample sample = StageSample.of(raw, config);

        assertThat(sample.stage()).isEqualTo(2.5);
        assertThat(sample.seq()).isEqualTo(7);
    }

    @Test
    void stateRoundTripsThroughTheSharedJsonMapper() throws Exception {
        double[] series = {4.2, 4.2, 4.2, 3.5, 3.5};
        FloodRuleState state = feed(FloodRuleState.EMPTY, DEMO, series).state();
        assertThat(state.episode())
                .get()
                .satisfies(e -> assertThat(e.belowSince()).containsKey(FloodStage.ALARM_3));

        byte[] json = Json.mapper().writeValueAsBytes(state);

        assertThat(Json.mapper().readValue(json, FloodRuleState.class)).isEqualTo(state);
    }
}
