package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SiteConfigTest {
    @Test
    void roundTripsWithFloodThresholdsAndSensors() {
        SiteConfig config =
                site(
                        Optional.of(
                                new FloodThresholds(
                                        2,
                                        3,
                                        4,
                                        OptionalDouble.of(5.5),
                                        120.0,
                                        ThresholdProvenance.LOCAL_ESTIMATE)));

        SiteConfig back = SiteConfig.CODEC.decode(SiteConfig.CODEC.encode(config));

        assertThat(back).isEqualTo(config);
        assertThat(new String(SiteConfig.CODEC.encode(config), StandardCharsets.UTF_8))
                .contains(
                        "\"provenance\":\"local-estimate\"",
                        "\"quantity\":\"water_level\"",
                        "\"expectedInterval\":\"PT1M\"");
    }

    @Test
    void roundTripsASiteWithoutFloodThresholds() {
        SiteConfig config = site(Optional.empty());

        assertThat(SiteConfig.CODEC.decode(SiteConfig.CODEC.encode(config)).flood()).isEmpty();
    }

    @Test
    void refusesAlarmLevelsOutOfOrderNamingTheField() {
        assertThatThrownBy(
                        () ->
                                new FloodThresholds(
                                        3,
                                        2,
                                        4,
                                        OptionalDouble.empty(),
                                        0,
                                        ThresholdProvenance.QD_05_2020))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("flood.alarm2"));
    }

    @Test
    void refusesALatitudeOutOfRange() {
        assertThatThrownBy(() -> new GeoPoint(200, 103))
                .isInstanceOf(ContractViolation.class)
                .hasMessage("lat: expected a latitude from -90 to 90 (got 200.0)");
    }

    @Test
    void refusesTheSameSensorTwice() {
        SensorConfig wl = sensor("wl-1", Quantity.WATER_LEVEL);
        assertThatThrownBy(
                        () ->
                                new SiteConfig(
                                        SiteId.of("s"),
                                        1,
                                        "n",
                                        "c",
                                        "p",
                                        new GeoPoint(22, 103),
                                        List.of(wl, wl),
                                        Optional.empty(),
                                        Instant.EPOCH))
                .isInstanceOfSatisfying(
                        ContractViolation.class,
                        e -> assertThat(e.field()).isEqualTo("sensors[1].sensor"));
    }

    @Test
    void measuresDistancesBetweenCommunes() {
        GeoPoint namCang = new GeoPoint(22.2519, 103.9806);
        GeoPoint taVan = new GeoPoint(22.3155, 103.8921);

        assertThat(namCang.distanceMetres(taVan)).isBetween(11_000.0, 12_000.0);
        assertThat(namCang.distanceMetres(namCang)).isZero();
    }

    private static SiteConfig site(Optional<FloodThresholds> flood) {
        return new SiteConfig(
                SiteId.of("nam-cang"),
                3,
                "Suối Nậm Cang",
                "Xã Nậm Cang",
                "Lào Cai",
                new GeoPoint(22.2519, 103.9806),
                List.of(
                        sensor("wl-nam-cang", Quantity.WATER_LEVEL),
                        sensor("rg-nam-cang", Quantity.RAIN)),
                flood,
                Instant.parse("2026-11-22T01:00:00Z"));
    }

    private static SensorConfig sensor(String id, Quantity q) {
        return new SensorConfig(
                SensorId.of(id), GatewayId.of("gw-nam-cang"), q, 1, 0, Duration.ofSeconds(60));
    }
}
