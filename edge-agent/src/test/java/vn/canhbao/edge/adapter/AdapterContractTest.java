package vn.canhbao.edge.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;

class AdapterContractTest {
    static final SensorId WL = SensorId.of("wl-nam-cang");
    static final Instant T = Instant.parse("2026-07-01T03:00:00Z");

    @Test
    void givenInvalidValues_whenSampleBuilt_thenRefusedNamingV() {
        assertThatThrownBy(() -> new Sample(WL, Quantity.WATER_LEVEL, Double.NaN, T))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("v:");
        assertThatThrownBy(() -> new Sample(WL, Quantity.RAIN, -1, T))
                .isInstanceOf(ContractViolation.class);
        assertThat(new Sample(WL, Quantity.WATER_LEVEL, 2.5, T).value()).isEqualTo(2.5);
    }

    @Test
    void givenSiteConfigs_whenKnownSensorsBuilt_thenEachSensorMayReportItsQuantities() {
        GatewayId gw = GatewayId.of("gw-nam-cang");
        KnownSensors k =
                KnownSensors.fromConfigs(
                        List.of(
                                new SensorConfig(
                                        WL, gw, Quantity.WATER_LEVEL, 1, 0, Duration.ofMinutes(1)),
                                new SensorConfig(
                                        WL, gw, Quantity.BATTERY, 1, 0, Duration.ofMinutes(1))));
        assertThat(k.quantitiesOf(WL))
                .containsExactlyInAnyOrder(Quantity.WATER_LEVEL, Quantity.BATTERY);
        assertThat(k.soleQuantity(WL)).isEmpty();
        assertThat(k.require("wl-nam-cang", "path")).isEqualTo(WL);
        assertThatThrownBy(() -> k.require("wl-other", "path"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("unknown sensor");
        assertThatThrownBy(() -> k.require("NOT AN ID", "path"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("not a valid sensor id");
    }

    @Test
    void givenSinkThatThrows_whenDelivering_thenCountedNotThrown() {
        CollectingSink sink = new CollectingSink();
        sink.refuseWhen(s -> s.value() > 2);
        AdapterCounters c = new AdapterCounters("test");
        boolean all =
                c.deliver(
                        sink,
                        List.of(
                                new Sample(WL, Quantity.WATER_LEVEL, 1, T),
                                new Sample(WL, Quantity.WATER_LEVEL, 3, T)),
                        T);
        c.reject(sink, new AdapterRejection("test", "src", "f", "x", "bad", T));
        assertThat(all).isFalse();
        assertThat(c.snapshot(true))
                .isEqualTo(new AdapterStats("test", true, 1, 1, 1, java.util.Optional.of(T)));
        assertThat(sink.rejections.get(0).diagnostic()).isEqualTo("f: bad (got x)");
    }
}
