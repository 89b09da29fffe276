package vn.canhbao.hazards.rain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.Json;

class RainAccumulatorTest {
    // 00:00 local time (UTC+7) on 1 Sep 2026
    private static final Instant MIDNIGHT = Instant.parse("2026-08-31T17:00:00Z");
    private static final RainParams P = RainParams.defaults();

    private RainState state = RainState.EMPTY;

    private void rain(Instant t, double mm) {
        state = RainAccumulator.add(state, mm, t, P);
    }

    @Test
    void accumulationsCoverEachWindowAtEventTime() {
        // 1 mm every minute for 24 h starting at local midnight
        for (int m = 0; m < 24 * 60; m++) {
            rain(MIDNIGHT.plus(Duration.ofMinutes(m)), 1.0);
        }
        RainAccumulations a =
                RainAccumulator.accumulations(
                        state, MIDNIGHT.plus(Duration.ofMinutes(24 * 60 - 1)));
        assertThat(a.h1()).isEqualTo(60.0);
        assertThat(a.h3()).isEqualTo(180.0);
        assertThat(a.h6()).isEqualTo(360.0);
        assertThat(a.h12()).isEqualTo(720.0);
        assertThat(a.h24()).isEqualTo(1440.0);
        assertThat(a.h72()).isEqualTo(1440.0);
        assertThat(a.over(Duration.ofHours(3))).isEqualTo(180.0);
        // evaluated later, the windows move on in event time
        RainAccumulations later =
                RainAccumulator.accumulations(state, MIDNIGHT.plus(Duration.ofHours(25)));
        assertThat(later.h1()).isZero();
        // the 3 h window is the 36 bins ending with the bin of 25:00, i.e. 22:05 to 25:05
        assertThat(later.h3()).isEqualTo(115.0);
    }

    @Test
    void lateAndOutOfOrderReadingsLandInTheirOwnBin() {
        rain(MIDNIGHT.plus(Duration.ofHours(5)), 10);
        rain(MIDNIGHT.plus(Duration.ofHours(1)), 7); // 4 h late
        Instant at = MIDNIGHT.plus(Duration.ofHours(5));
        assertThat(RainAccumulator.total(state, at, Duration.ofHours(1))).isEqualTo(10.0);
        assertThat(RainAccumulator.total(state, at, Duration.ofHours(6))).isEqualTo(17.0);
        assertThat(RainAccumulator.today(state, at, P)).isEqualTo(17.0);
    }

    @Test
    void readingsOlderThanTheRingAreIgnored() {
        rain(MIDNIGHT.plus(Duration.ofDays(4)), 10);
        RainState before = state;
        rain(MIDNIGHT, 50);
        assertThat(state).isEqualTo(before);
    }

    @Test
    void countsConsecutivePriorRainDaysAndAntecedentRain() {
        rain(MIDNIGHT.minus(Duration.ofDays(3)).plusSeconds(3600), 5); // day -3
        rain(MIDNIGHT.minus(Duration.ofDays(2)).plusSeconds(3600), 0.5); // day -2: below 1 mm
        rain(MIDNIGHT.minus(Duration.ofDays(1)).plusSeconds(3600), 12); // day -1
        rain(MIDNIGHT.plusSeconds(60), 3); // today
        Instant now = MIDNIGHT.plus(Duration.ofHours(2));
        assertThat(RainAccumulator.antecedentRainDays(state, now, P)).isEqualTo(1);
        assertThat(RainAccumulator.antecedentRain(state, now, 3, P)).isEqualTo(17.5);
        rain(MIDNIGHT.minus(Duration.ofDays(2)).plusSeconds(7200), 1); // late: day -2 now wet
        assertThat(RainAccumulator.antecedentRainDays(state, now, P)).isEqualTo(3);
    }

    @Test
    void effectiveRainfallHalvesEveryHalfLife() {
        rain(MIDNIGHT, 100);
        assertThat(RainAccumulator.effective(state, MIDNIGHT, P)).isEqualTo(100.0);
        assertThat(RainAccumulator.effective(state, MIDNIGHT.plus(Duration.ofHours(12)), P))
                .isCloseTo(50.0, within(1e-9));
        assertThat(RainAccumulator.effective(state, MIDNIGHT.plus(Duration.ofHours(24)), P))
                .isCloseTo(25.0, within(1e-9));
    }

    @Test
    void aRainEventEndsAfterTheDryGap() {
        rain(MIDNIGHT, 5);
        rain(MIDNIGHT.plus(Duration.ofHours(2)), 5); // 2 h dry: same event
        Instant t = MIDNIGHT.plus(Duration.ofHours(2));
        assertThat(RainAccumulator.eventDuration(state, t, P)).isEqualTo(Duration.ofMinutes(125));
        assertThat(RainAccumulator.eventDuration(state, t.plus(Duration.ofHours(7)), P))
                .isEqualTo(Duration.ZERO);
        assertThat(RainAccumulator.intensity(state, t, Duration.ofHours(3)))
                .isCloseTo(10 / 3.0, within(1e-9));
    }

    @Test
    void tippingBucketCountsBecomeMillimetresAcrossCounterWraps() {
        assertThat(TippingBucket.mm(25, 0.2)).isCloseTo(5.0, within(1e-9));
        assertThat(TippingBucket.tipsBetween(65530, 4, 65536)).isEqualTo(10);
        assertThat(TippingBucket.tipsBetween(10, 15, 65536)).isEqualTo(5);
        assertThatThrownBy(() -> TippingBucket.mm(-1, 0.2)).hasMessageContaining("tips");
    }

    @Test
    void negativeRainIsRejectedNamingTheField() {
        assertThatThrownBy(() -> rain(MIDNIGHT, -1)).hasMessageStartingWith("rain:");
    }

    @Test
    void stateStaysUnderFiveKilobytesAndRoundTripsThroughTheSharedJsonMapper() throws Exception {
        for (int m = 0; m < 72 * 60; m += 5) {
            rain(MIDNIGHT.plus(Duration.ofMinutes(m)), 0.2 * (m % 13));
        }
        byte[] json = Json.mapper().writeValueAsBytes(state);
        assertThat(Json.mapper().readValue(json, RainState.class)).isEqualTo(state);
        assertThat(json.length).isLessThan(5000);
    }
}
