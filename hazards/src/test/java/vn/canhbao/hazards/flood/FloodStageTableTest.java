package vn.canhbao.hazards.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.hazards.rules.Confidence;
import vn.canhbao.hazards.rules.RuleTableException;

class FloodStageTableTest {

    @Test
    void defaultTableMapsAlarmLevelsOneToOneAndMarksThemUnverified() {
        FloodStageTable table = FloodStageTable.defaultTable();

        assertThat(table.ruleId()).isEqualTo("flood.stage");
        assertThat(table.version()).isEqualTo("flood-stage-v1");
        assertThat(table.levelOf(FloodStage.ALARM_1)).isEqualTo(RiskLevel.LEVEL_1);
        assertThat(table.levelOf(FloodStage.ALARM_2)).isEqualTo(RiskLevel.LEVEL_2);
        assertThat(table.levelOf(FloodStage.ALARM_3)).isEqualTo(RiskLevel.LEVEL_3);
        assertThat(table.levelOf(FloodStage.HISTORICAL)).isEqualTo(RiskLevel.LEVEL_4);
        assertThat(table.rows())
                .allSatisfy(
                        r -> {
                            assertThat(r.source()).isNotBlank();
                            assertThat(r.confidence()).isEqualTo(Confidence.UNVERIFIED);
                        });
        assertThat(table.status()).contains("18/2021").contains("pending verification");
    }

    @Test
    void rejectsARowWithoutSourceNamingTheField() {
        String json =
                """
                {"ruleId":"flood.stage","version":"x","status":"s","rows":[
                 {"stage":"BD1","level":1,"source":"","confidence":"?","note":""}]}
                """;

        assertThatThrownBy(
                        () ->
                                FloodStageTable.parse(
                                        json.getBytes(StandardCharsets.UTF_8), "test.json"))
                .isInstanceOf(RuleTableException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("rows.source");
    }

    @Test
    void rejectsLevelsThatFallAsTheStageRises() {
        String json =
                """
                {"ruleId":"flood.stage","version":"bad","status":"s","rows":[
                 {"stage":"BD1","level":2,"source":"a","confidence":"?","note":""},
                 {"stage":"BD2","level":1,"source":"a","confidence":"?","note":""},
                 {"stage":"BD3","level":3,"source":"a","confidence":"?","note":""},
                 {"stage":"historical","level":4,"source":"a","confidence":"?","note":""}]}
                """;

        assertThatThrownBy(
                        () ->
                                FloodStageTable.parse(
                                        json.getBytes(StandardCharsets.UTF_8), "bad.json"))
                .isInstanceOf(RuleTableException.class)
                .hasMessageContaining("rows[1].level");
    }
}
