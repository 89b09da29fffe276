package vn.canhbao.hazards.vn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;
import vn.canhbao.hazards.alert.AlertTransition;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.rain.RainAccumulator;
import vn.canhbao.hazards.rain.RainParams;
import vn.canhbao.hazards.rain.RainState;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;
import vn.canhbao.hazards.rules.RuleTables;
import vn.canhbao.hazards.vn.Art46Table.Group;
import vn.canhbao.hazards.vn.Art46Table.Zone;

class VnRiskTablesTest {
    private static final Art46Table ART46 = Art46Table.defaultTable();
    private static final HeavyRainTable HEAVY = HeavyRainTable.defaultTable();
    private static final Instant T0 = Instant.parse("2026-09-10T00:00:00Z");

    @Test
    void everyShippedRowHasASourceAndAConfidence() {
        assertThat(ART46.rows()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
        assertThat(ART46.provinceGroups()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
        assertThat(HEAVY.rows())
                .allSatisfy(r -> assertThat(r.confidence()).isEqualTo(Confidence.UNVERIFIED));
        assertThat(HEAVY.rows()).hasSize(18);
    }

    @Test
    void article46VerifiedRowsGiveTheirLevels() {
        assertThat(ART46.levelFor(150, 2, Zone.medium, Group.KV1))
                .hasValueSatisfying(
                        r -> {
                            assertThat(r.level()).isEqualTo(RiskLevel.LEVEL_1);
                            assertThat(r.confidence()).isEqualTo(Confidence.VERIFIED);
                        });
        assertThat(ART46.levelFor(150, 1, Zone.high, Group.KV1))
                .hasValueSatisfying(r -> assertThat(r.level()).isEqualTo(RiskLevel.LEVEL_2));
        assertThat(ART46.levelFor(450, 3, Zone.medium, Group.KV4))
                .hasValueSatisfying(r -> assertThat(r.level()).isEqualTo(RiskLevel.LEVEL_1));
    }

    @Test
    void combinationsOutsideTheTableHaveNoLevelRatherThanZero() {
        assertThat(ART46.levelFor(80, 2, Zone.high, Group.KV1)).isEmpty(); // below 100 mm
        assertThat(ART46.levelFor(150, 0, Zone.high, Group.KV1)).isEmpty(); // no prior rain day
        assertThat(ART46.levelFor(300, 1, Zone.low, Group.KV1)).isEmpty(); // not yet in the table
    }

    @Test
    void provinceGroupsIgnoreAccentsAndShowTheKhanhHoaAmbiguity() {
        assertThat(ART46.groupsOf("Lao Cai"))
                .extracting(Art46Table.ProvinceGroup::group)
                .containsExactly(Group.KV1);
        assertThat(ART46.groupsOf("Đà Nẵng"))
                .extracting(Art46Table.ProvinceGroup::group)
                .containsExactly(Group.KV3);
        assertThat(ART46.groupsOf("khánh hòa"))
                .extracting(Art46Table.ProvinceGroup::group)
                .containsExactlyInAnyOrder(Group.KV3, Group.KV4);
        assertThat(ART46.groupsOf("Atlantis")).isEmpty();
    }

    @Test
    void uncertainRowsCanBeOverriddenButVerifiedRowsCannot() {
        Art46Table.Row local =
                new Art46Table.Row(
                        RainBand.R100_200,
                        Art46Table.PriorDays.D1_2,
                        Zone.very_high,
                        Group.KV1,
                        RiskLevel.LEVEL_3,
                        "UBND tỉnh (test)",
                        Confidence.LITERATURE);
        Art46Table t = ART46.withOverrides(List.of(local), "lao-cai-1");
        assertThat(t.version()).isEqualTo("vn-art46-v1+lao-cai-1");
        assertThat(t.levelFor(150, 1, Zone.very_high, Group.KV1).orElseThrow().level())
                .isEqualTo(RiskLevel.LEVEL_3);
        Art46Table.Row bad =
                new Art46Table.Row(
                        RainBand.R100_200,
                        Art46Table.PriorDays.D1_2,
                        Zone.high,
                        Group.KV1,
                        RiskLevel.LEVEL_1,
                        "x",
                        Confidence.UNVERIFIED);
        assertThatThrownBy(() -> ART46.withOverrides(List.of(bad), "x"))
                .isInstanceOf(RuleTableException.class)
                .hasMessageContaining("overrides[0]")
                .hasMessageContaining("cannot be overridden");
    }

    @Test
    void tablesAreValidatedStrictlyNamingTheField() {
        String noSource =
                "{\"version\":\"v\",\"status\":\"s\",\"provinceGroups\":[],\"rows\":[{"
                        + "\"rain24h\":\"100-200\",\"priorDays\":\"1-2\",\"zone\":\"low\",\"group\":\"KV1\","
                        + "\"level\":1,\"confidence\":\"V\"}]}";
        assertThatThrownBy(
                        () ->
                                RuleTables.parse(
                                        noSource.getBytes(StandardCharsets.UTF_8),
                                        "a.json",
                                        Art46Table.class))
                .hasMessageContaining("a.json")
                .hasMessageContaining("rows[0].source");
        String level4 =
                noSource.replace("\"level\":1", "\"level\":4")
                        .replace("\"confidence\"", "\"source\":\"s\",\"confidence\"");
        assertThatThrownBy(
                        () ->
                                RuleTables.parse(
                                        level4.getBytes(StandardCharsets.UTF_8),
                                        "a.json",
                                        Art46Table.class))
                .hasMessageContaining("rows.level");
        String badBand = noSource.replace("100-200", "50-100");
        assertThatThrownBy(
                        () ->
                                RuleTables.parse(
                                        badBand.getBytes(StandardCharsets.UTF_8),
                                        "a.json",
                                        Art46Table.class))
                .hasMessageContaining("rain24h");
    }

    @Test
    void heavyRainInTheMountainsIsOneLevelBelowThePlainsInTheShippedTable() {
        assertThat(
                        HEAVY.levelFor(250, 1, HeavyRainTable.Terrain.midland_mountain)
                                .orElseThrow()
                                .level())
                .isEqualTo(RiskLevel.LEVEL_1);
        assertThat(HEAVY.levelFor(250, 1, HeavyRainTable.Terrain.plains).orElseThrow().level())
                .isEqualTo(RiskLevel.LEVEL_2);
        assertThat(HEAVY.levelFor(99, 1, HeavyRainTable.Terrain.plains)).isEmpty();
    }

    @Test
    void article46RuleRaisesALocalLandslideAlertFromObservedRain() {
        RainParams p = RainParams.defaults();
        RainState s = RainState.EMPTY;
        s = RainAccumulator.add(s, 20, T0.minus(Duration.ofDays(1)), p); // a prior rain day
        for (int m = 0; m < 12 * 60; m += 5) { // 150 mm over the last 12 h
            s = RainAccumulator.add(s, 150.0 / 144, T0.minus(Duration.ofMinutes(m)), p);
        }
        RainRiskRule rule = RainRiskRule.defaults();
        SensorId rg = SensorId.of("rg-nam-cang");
        RainRiskRule.Result r1 =
                rule.art46(LifecycleState.EMPTY, rg, s, Zone.medium, Group.KV1, T0);
        RainRiskRule.Result r2 =
                rule.art46(r1.state(), rg, s, Zone.medium, Group.KV1, T0.plusSeconds(60));
        AlertTransition t = r2.transition().orElseThrow();
        assertThat(t.hazard()).isEqualTo(Hazard.LANDSLIDE);
        assertThat(t.ruleVersion()).isEqualTo("vn-art46-v1");
        assertThat(t.change().state()).isEqualTo(AlertState.RAISED);
        assertThat(t.change().level()).isEqualTo(RiskLevel.LEVEL_1);
        assertThat(t.toAlertEvent(SiteId.of("nam-cang"), T0).localSensorAlert()).isTrue();
    }
}
