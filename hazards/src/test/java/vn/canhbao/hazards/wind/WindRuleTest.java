package vn.canhbao.hazards.wind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;

class WindRuleTest {
    private static final Instant T0 = Instant.parse("2026-09-06T00:00:00Z");
    private static final SensorId AN = SensorId.of("an-tra-leng");
    private final WindRule rule = WindRule.defaults();
    private WindRule.State state = WindRule.State.EMPTY;
    private WindObservation last;
    private final List<AlertTransition> alerts = new ArrayList<>();

    private void feed(int second, double ms) {
        WindRule.Result r = rule.evaluate(state, AN, ms, T0.plusSeconds(second), second);
        state = r.state();
        last = r.observation();
        r.transition().ifPresent(alerts::add);
    }

    @Test
    void classifiesSpeedsOnTheBeaufortScaleFromTheTable() {
        BeaufortTable t = BeaufortTable.defaultTable();
        assertThat(t.levelOf(10.7)).isZero();
        assertThat(t.levelOf(10.8)).isEqualTo(6);
        assertThat(t.levelOf(17.15)).isEqualTo(7); // between published rows: the lower level
        assertThat(t.levelOf(17.2)).isEqualTo(8);
        assertThat(t.levelOf(52)).isEqualTo(16);
        assertThat(t.levelOf(80)).isEqualTo(17);
    }

    @Test
    void tenMinuteMeanAndGustAreClassifiedSeparately() {
        for (int s = 0; s < 600; s += 10) {
            feed(s, s == 300 ? 25.0 : 14.0); // level 7 wind with one level 10 gust
        }
        assertThat(last.meanMs()).isCloseTo((59 * 14.0 + 25.0) / 60, within(1e-4));
        assertThat(last.meanLevel()).isEqualTo(7);
        assertThat(last.gustLevel()).isEqualTo(10);
        assertThat(last.describe()).startsWith("Gió cấp 7, giật cấp 10");
    }

    @Test
    void sustainedStrongWindRaisesALocalStrongWindAlertAndCalmClearsIt() {
        for (int s = 0; s < 1200; s += 60) {
            feed(s, 18.0); // Beaufort 8
        }
        assertThat(alerts)
                .first()
                .satisfies(
                        a -> {
                            assertThat(a.hazard()).isEqualTo(Hazard.STRONG_WIND);
                            assertThat(a.change().state()).isEqualTo(AlertState.RAISED);
                            assertThat(a.change().level()).isEqualTo(RiskLevel.LEVEL_2);
                        });
        for (int s = 1200; s < 4800; s += 60) {
            feed(s, 3.0);
        }
        assertThat(alerts)
                .last()
                .satisfies(a -> assertThat(a.change().state()).isEqualTo(AlertState.CLEARED));
    }

    @Test
    void oldBinsLeaveTheWindow() {
        feed(0, 30);
        feed(900, 5);
        assertThat(last.gustMs()).isEqualTo(5.0);
        assertThat(last.samples()).isEqualTo(1);
    }

    @Test
    void aTableWithAMissingLevelIsRejectedNamingTheField() {
        String bad =
                "{\"version\":\"b\",\"rows\":[{\"level\":7,\"minMs\":13.9,\"maxMs\":17.1,"
                        + "\"source\":\"s\",\"confidence\":\"L\"}]}";
        assertThatThrownBy(
                        () ->
                                RuleTables.parse(
                                        bad.getBytes(StandardCharsets.UTF_8),
                                        "b.json",
                                        BeaufortTable.class))
                .isInstanceOf(RuleTableException.class)
                .hasMessageContaining("rows[0].level");
    }

    @Test
    void stateRoundTripsThroughTheSharedJsonMapper() throws Exception {
        feed(0, 12);
        feed(60, 13);
        byte[] json = Json.mapper().writeValueAsBytes(state);
        assertThat(Json.mapper().readValue(json, WindRule.State.class)).isEqualTo(state);
        assertThat(json.length).isLessThan(400);
    }
}
