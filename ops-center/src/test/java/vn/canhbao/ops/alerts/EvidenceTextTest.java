package vn.canhbao.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

class EvidenceTextTest {
    private static Evidence evidence(
            Quantity q, double value, String threshold, double thresholdValue) {
        return new Evidence(
                SensorId.of("wl-nam-cang"),
                q,
                value,
                Instant.parse("2026-11-22T01:00:00Z"),
                7,
                threshold,
                thresholdValue);
    }

    @Test
    void rendersWaterLevelAboveAlarmLevelTwoInVietnameseAndEnglish() {
        Evidence e = evidence(Quantity.WATER_LEVEL, 3.2, "BD2", 3.0);

        assertThat(EvidenceText.vietnamese(e)).isEqualTo("Mực nước 3.2 m ≥ BĐ II 3.0 m");
        assertThat(EvidenceText.english(e)).isEqualTo("Water level 3.2 m ≥ alarm level II 3.0 m");
    }

    @Test
    void showsValueBelowThresholdWithLessThanSign() {
        Evidence e = evidence(Quantity.WATER_LEVEL, 1.85, "BD1", 2.0);

        assertThat(EvidenceText.vietnamese(e)).isEqualTo("Mực nước 1.85 m < BĐ I 2.0 m");
    }

    @Test
    void keepsUnknownThresholdNamesAsTheyAre() {
        Evidence e = evidence(Quantity.RAIN, 52.5, "rain-1h", 50);

        assertThat(EvidenceText.vietnamese(e)).isEqualTo("Lượng mưa 52.5 mm ≥ rain-1h 50.0 mm");
    }

    @Test
    void acceptsAlarmLevelNamesWrittenInVietnameseOrWithSeparators() {
        assertThat(EvidenceText.thresholdVi("BĐ3")).isEqualTo("BĐ III");
        assertThat(EvidenceText.thresholdVi("bd_2")).isEqualTo("BĐ II");
        assertThat(EvidenceText.thresholdEn("BD1")).isEqualTo("alarm level I");
    }

    @Test
    void roundsToAtMostThreeDecimals() {
        assertThat(EvidenceText.amount(3.14159, Quantity.WATER_LEVEL)).isEqualTo("3.142 m");
        assertThat(EvidenceText.amount(21.5, Quantity.TEMPERATURE)).isEqualTo("21.5 °C");
    }
}
