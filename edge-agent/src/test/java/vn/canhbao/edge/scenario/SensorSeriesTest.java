package vn.canhbao.edge.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;

class SensorSeriesTest {
    private static final SeriesPoint AT_10S_2M = new SeriesPoint(Duration.ofSeconds(10), 2.0);
    private static final SeriesPoint AT_20S_4M = new SeriesPoint(Duration.ofSeconds(20), 4.0);
    private static final SeriesPoint AT_30S_1M = new SeriesPoint(Duration.ofSeconds(30), 1.0);

    @Test
    void interpolatesLinearlyBetweenPoints() {
        SensorSeries s = series(Optional.empty(), AT_10S_2M, AT_20S_4M, AT_30S_1M);

        assertThat(s.valueAt(Duration.ofSeconds(15))).isCloseTo(3.0, offset(1e-9));
        assertThat(s.valueAt(Duration.ofMillis(12_500))).isCloseTo(2.5, offset(1e-9));
        assertThat(s.valueAt(Duration.ofSeconds(25))).isCloseTo(2.5, offset(1e-9));
        assertThat(s.valueAt(Duration.ofSeconds(20))).isCloseTo(4.0, offset(1e-9));
    }

    @Test
    void holdsTheFirstValueBeforeAndTheLastValueAfterTheSeries() {
        SensorSeries s = series(Optional.empty(), AT_10S_2M, AT_20S_4M);

        assertThat(s.valueAt(Duration.ZERO)).isEqualTo(2.0);
        assertThat(s.valueAt(Duration.ofSeconds(-5))).isEqualTo(2.0);
        assertThat(s.valueAt(Duration.ofSeconds(21))).isEqualTo(4.0);
        assertThat(s.valueAt(Duration.ofDays(3))).isEqualTo(4.0);
    }

    @Test
    void aSinglePointIsAConstant() {
        SensorSeries s = series(Optional.empty(), AT_10S_2M);

        assertThat(s.valueAt(Duration.ZERO)).isEqualTo(2.0);
        assertThat(s.valueAt(Duration.ofHours(1))).isEqualTo(2.0);
    }

    @Test
    void repeatStartsTheSeriesOverEveryPeriod() {
        SensorSeries s =
                series(Optional.of(Duration.ofSeconds(40)), AT_10S_2M, AT_20S_4M, AT_30S_1M);

        assertThat(s.valueAt(Duration.ofSeconds(55)))
                .isCloseTo(s.valueAt(Duration.ofSeconds(15)), offset(1e-9));
        assertThat(s.valueAt(Duration.ofSeconds(95))).isCloseTo(3.0, offset(1e-9));
        // between the last point and the end of the period the last value holds
        assertThat(s.valueAt(Duration.ofSeconds(75))).isEqualTo(1.0);
        assertThat(s.valueAt(Duration.ofSeconds(80))).isEqualTo(2.0);
    }

    @Test
    void refusesPointsOutOfOrderAndARepeatShorterThanTheSeries() {
        assertThatThrownBy(() -> series(Optional.empty(), AT_20S_4M, AT_10S_2M))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> series(Optional.of(Duration.ofSeconds(15)), AT_10S_2M, AT_20S_4M))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SensorSeries series(Optional<Duration> repeat, SeriesPoint... points) {
        return new SensorSeries(SensorId.of("wl-1"), Quantity.WATER_LEVEL, List.of(points), repeat);
    }
}
