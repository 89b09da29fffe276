package vn.canhbao.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.RiskLevel;

class AlertViewsTest {
    @Test
    void levelThreeIsOrangeCalledCap3() {
        AlertView.LevelView level = AlertViews.level(RiskLevel.LEVEL_3);

        assertThat(level.labelVi()).isEqualTo("Cấp 3");
        assertThat(level.colourVi()).isEqualTo("da cam");
        assertThat(level.colourHex()).isEqualTo("#ff9a1f");
        assertThat(level.capSeverity()).isEqualTo("Severe");
    }

    @Test
    void videoUrlPointsAtTheVmsClipsOfTheAlertWithOrWithoutTrailingSlash() {
        assertThat(AlertViews.videoUrl("http://127.0.0.1:8083", "al-0123"))
                .isEqualTo("http://127.0.0.1:8083/api/v1/alerts/al-0123/clips");
        assertThat(AlertViews.videoUrl("http://vms.local/", "al-0123"))
                .isEqualTo("http://vms.local/api/v1/alerts/al-0123/clips");
    }
}
