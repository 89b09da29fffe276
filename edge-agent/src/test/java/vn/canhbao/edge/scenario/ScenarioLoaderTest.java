package vn.canhbao.edge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

class ScenarioLoaderTest {
    private static final String VALID =
            """
            {"gateway": "gw-1", "publishInterval": "PT1S", "sensors": [
              {"id": "wl-1", "quantity": "water_level", "points": [{"at": "PT0S", "value": 1.0}, {"at": "PT10S", "value": 2.0}]},
              {"id": "rg-1", "quantity": "rain", "points": [{"at": "PT0S", "value": 0.5}], "repeat": "PT60S"}
            ]}
            """;

    @Test
    void parsesAValidScenario() {
        Scenario s = ScenarioLoader.parse(bytes(VALID));

        assertThat(s.gateway()).isEqualTo(GatewayId.of("gw-1"));
        assertThat(s.publishInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.sensors())
                .extracting(SensorSeries::sensor)
                .containsExactly(SensorId.of("wl-1"), SensorId.of("rg-1"));
        assertThat(s.sensors().get(0).points())
                .containsExactly(
                        new SeriesPoint(Duration.ZERO, 1.0),
                        new SeriesPoint(Duration.ofSeconds(10), 2.0));
        assertThat(s.sensors().get(1).repeat()).contains(Duration.ofSeconds(60));
    }

    @Test
    void floodRiseCrossesAllThreeAlarmLevelsWithinFortySecondsThenHolds() {
        Scenario s =
                ScenarioLoader.load(ScenarioSource.parse("classpath:scenarios/flood-rise.json"));

        assertThat(s.gateway()).isEqualTo(GatewayId.of("gw-nam-cang"));
        SensorSeries level = s.sensors().get(0);
        assertThat(level.sensor()).isEqualTo(SensorId.of("wl-nam-cang"));
        assertThat(level.quantity()).isEqualTo(Quantity.WATER_LEVEL);
        assertThat(level.valueAt(Duration.ZERO)).isCloseTo(1.0, within());
        assertThat(firstSecondAtOrAbove(level, 2.0)).isBetween(5, 40);
        assertThat(firstSecondAtOrAbove(level, 3.0))
                .isBetween(firstSecondAtOrAbove(level, 2.0) + 1, 40);
        assertThat(firstSecondAtOrAbove(level, 4.0))
                .isBetween(firstSecondAtOrAbove(level, 3.0) + 1, 40);
        assertThat(level.valueAt(Duration.ofSeconds(40))).isCloseTo(4.5, within());
        assertThat(level.valueAt(Duration.ofHours(2))).isCloseTo(4.5, within());
        SensorSeries rain = s.sensors().get(1);
        assertThat(rain.sensor()).isEqualTo(SensorId.of("rg-nam-cang"));
        assertThat(rain.quantity()).isEqualTo(Quantity.RAIN);
        assertThat(rain.valueAt(Duration.ofSeconds(20))).isGreaterThan(2.0);
    }

    @ParameterizedTest
    @CsvSource({
        "scenarios/flood-rise.json, nam-cang",
        "scenarios/nam-cang-flash-flood.json, nam-cang",
        "scenarios/ta-van-rising.json, ta-van",
        "scenarios/tra-leng-rising.json, tra-leng",
        "scenarios/calm-ta-van.json, ta-van",
        "scenarios/calm-tra-leng.json, tra-leng"
    })
    void everyShippedScenarioFollowsTheDemoFixture(String resource, String site) {
        Scenario s = ScenarioLoader.load(ScenarioSource.parse("classpath:/" + resource));

        assertThat(s.gateway()).isEqualTo(GatewayId.of("gw-" + site));
        assertThat(s.sensors())
                .extracting(SensorSeries::sensor, SensorSeries::quantity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SensorId.of("wl-" + site), Quantity.WATER_LEVEL),
                        org.assertj.core.groups.Tuple.tuple(
                                SensorId.of("rg-" + site), Quantity.RAIN));
    }

    @Test
    void withinFortySecondsTaVanPassesBdIAndTraLengBdIiAndBothHoldBelowTheNextLevel() {
        SensorSeries taVan =
                ScenarioLoader.loadResource("scenarios/ta-van-rising.json").sensors().get(0);
        SensorSeries traLeng =
                ScenarioLoader.loadResource("scenarios/tra-leng-rising.json").sensors().get(0);

        assertThat(taVan.valueAt(Duration.ZERO)).isLessThan(2.0);
        assertThat(firstSecondAtOrAbove(taVan, 2.0)).isLessThanOrEqualTo(40);
        assertThat(taVan.valueAt(Duration.ofHours(1))).isGreaterThan(2.0).isLessThan(3.0);
        assertThat(traLeng.valueAt(Duration.ZERO)).isLessThan(2.0);
        assertThat(firstSecondAtOrAbove(traLeng, 3.0)).isLessThanOrEqualTo(40);
        assertThat(traLeng.valueAt(Duration.ofHours(1))).isGreaterThan(3.0).isLessThan(4.0);
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> ScenarioLoader.loadResource("scenarios/nope.json"))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("scenario");
                            assertThat(e.value()).isEqualTo("\"scenarios/nope.json\"");
                        });
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("not json", "{", "scenario", "\"{\""),
                Arguments.of("not an object", "[]", "scenario", "\"[]\""),
                Arguments.of(
                        "unknown top field",
                        VALID.replace("\"publishInterval\"", "\"interval\""),
                        "interval",
                        "\"PT1S\""),
                Arguments.of(
                        "missing gateway",
                        VALID.replace("\"gateway\": \"gw-1\", ", ""),
                        "gateway",
                        "nothing"),
                Arguments.of(
                        "bad gateway id", VALID.replace("gw-1", "GW 1"), "gateway", "\"GW 1\""),
                Arguments.of(
                        "bad interval",
                        VALID.replace("\"PT1S\"", "\"1s\""),
                        "publishInterval",
                        "\"1s\""),
                Arguments.of(
                        "zero interval",
                        VALID.replace("\"PT1S\"", "\"PT0S\""),
                        "publishInterval",
                        "\"PT0S\""),
                Arguments.of(
                        "interval not a string",
                        VALID.replace("\"PT1S\"", "1"),
                        "publishInterval",
                        "1"),
                Arguments.of(
                        "no sensors",
                        "{\"gateway\": \"gw-1\", \"publishInterval\": \"PT1S\", \"sensors\": []}",
                        "sensors",
                        "\"[]\""),
                Arguments.of(
                        "bad sensor id",
                        VALID.replace("\"wl-1\"", "\"WL_1\""),
                        "sensors[0].id",
                        "\"WL_1\""),
                Arguments.of(
                        "duplicate sensor",
                        VALID.replace("\"rg-1\"", "\"wl-1\""),
                        "sensors[1].id",
                        "\"wl-1\""),
                Arguments.of(
                        "unknown quantity",
                        VALID.replace("\"rain\"", "\"snow\""),
                        "sensors[1].quantity",
                        "\"snow\""),
                Arguments.of(
                        "unknown sensor field",
                        VALID.replace("\"repeat\"", "\"loop\""),
                        "sensors[1].loop",
                        "\"PT60S\""),
                Arguments.of(
                        "no points",
                        VALID.replace("[{\"at\": \"PT0S\", \"value\": 0.5}]", "[]"),
                        "sensors[1].points",
                        "\"[]\""),
                Arguments.of(
                        "bad point time",
                        VALID.replace("\"PT10S\"", "\"ten\""),
                        "sensors[0].points[1].at",
                        "\"ten\""),
                Arguments.of(
                        "negative point time",
                        VALID.replace("\"PT10S\"", "\"-PT10S\""),
                        "sensors[0].points[1].at",
                        "\"PT-10S\""),
                Arguments.of(
                        "points out of order",
                        VALID.replace("\"PT10S\"", "\"PT0S\""),
                        "sensors[0].points[1].at",
                        "\"PT0S\""),
                Arguments.of(
                        "value not a number",
                        VALID.replace("\"value\": 2.0", "\"value\": \"2.0\""),
                        "sensors[0].points[1].value",
                        "\"2.0\""),
                Arguments.of(
                        "value missing",
                        VALID.replace(", \"value\": 2.0", ""),
                        "sensors[0].points[1].value",
                        "nothing"),
                Arguments.of(
                        "value outside physical range",
                        VALID.replace("\"value\": 0.5", "\"value\": -3"),
                        "sensors[1].points[0].value",
                        "-3.0"),
                Arguments.of(
                        "unknown point field",
                        VALID.replace("\"value\": 0.5", "\"value\": 0.5, \"v\": 1"),
                        "sensors[1].points[0].v",
                        "1"),
                Arguments.of(
                        "repeat before last point",
                        VALID.replace("\"PT60S\"", "\"PT0S\""),
                        "sensors[1].repeat",
                        "\"PT0S\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void refusesABadScenarioNamingTheFieldAndTheValue(
            String why, String json, String field, String value) {
        assertThatThrownBy(() -> ScenarioLoader.parse(bytes(json)))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).as("field").isEqualTo(field);
                            assertThat(e.value()).as("value").isEqualTo(value);
                            assertThat(e.getMessage()).contains(field).contains(value);
                        });
    }

    private static int firstSecondAtOrAbove(SensorSeries s, double level) {
        for (int t = 0; t <= 3600; t++) {
            if (s.valueAt(Duration.ofSeconds(t)) >= level) {
                return t;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
