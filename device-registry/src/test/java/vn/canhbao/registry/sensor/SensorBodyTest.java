package vn.canhbao.registry.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;

class SensorBodyTest {

    @Test
    void acceptsTheDemoWaterLevelSensor() {
        SensorConfig s =
                new SensorBody("wl-nam-cang", "gw-nam-cang", "water_level", 1.0, 0.0, 60)
                        .toSensor();

        assertThat(s.quantity()).isEqualTo(Quantity.WATER_LEVEL);
        assertThat(s.expectedInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void omittedCalibrationMeansIdentity() {
        SensorConfig s =
                new SensorBody("rg-nam-cang", "gw-nam-cang", "rain", null, null, 60).toSensor();

        assertThat(s.scale()).isEqualTo(1.0);
        assertThat(s.offset()).isEqualTo(0.0);
    }

    @Test
    void rejectsUnknownQuantityNamingFieldAndValue() {
        SensorBody body = new SensorBody("wl-1", "gw-1", "waterlevel", 1.0, 0.0, 60);

        assertThatThrownBy(body::toSensor)
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("quantity");
                            assertThat(e.value()).isEqualTo("\"waterlevel\"");
                            assertThat(e.getMessage()).contains("water_level");
                        });
    }

    @Test
    void rejectsBadCalibrationAndInterval() {
        assertThatThrownBy(() -> new SensorBody("s", "g", "rain", 0.0, 0.0, 60).toSensor())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("scale"));
        assertThatThrownBy(() -> new SensorBody("s", "g", "rain", 1.0, Double.NaN, 60).toSensor())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("offset"));
        assertThatThrownBy(() -> new SensorBody("s", "g", "rain", 1.0, 0.0, 0).toSensor())
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("expectedIntervalSeconds"));
        assertThatThrownBy(() -> new SensorBody("s", "g", "rain", 1.0, 0.0, null).toSensor())
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("expectedIntervalSeconds"));
        assertThatThrownBy(() -> new SensorBody("s", "G 1", "rain", 1.0, 0.0, 60).toSensor())
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("gatewayId"));
    }
}
