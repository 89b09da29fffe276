package vn.canhbao.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEventTest {
    private static final SiteId SITE = SiteId.of("nam-cang");
    private static final Instant START = Instant.parse("2026-09-10T03:00:00Z");

    @Test
    void alertIdIsDeterministicPerSiteHazardRuleAndEpisode() {
        String id = AlertEvent.idFor(SITE, Hazard.FLOOD, "flood.stage", START);

        assertThat(AlertEvent.idFor(SITE, Hazard.FLOOD, "flood.stage", START))
                .isEqualTo(id)
                .matches("al-[0-9a-f]{20}");
        assertThat(AlertEvent.idFor(SITE, Hazard.FLOOD, "flood.stage", START.plusMillis(1)))
                .isNotEqualTo(id);
        assertThat(AlertEvent.idFor(SiteId.of("ta-van"), Hazard.FLOOD, "flood.stage", START))
                .isNotEqualTo(id);
        assertThat(AlertEvent.idFor(SITE, Hazard.LANDSLIDE, "flood.stage", START)).isNotEqualTo(id);
    }

    @Test
    void roundTripsThroughJsonWithLevelAsNumberAndIsoTimes() {
        AlertEvent event = alert(1, AlertState.UPDATED, RiskLevel.LEVEL_2);

        byte[] json = AlertEvent.CODEC.encode(event);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains(
                        "\"level\":2",
                        "\"state\":\"updated\"",
                        "\"hazard\":\"flood\"",
                        "\"time\":\"2026-09-10T03:10:00Z\"");
        assertThat(AlertEvent.CODEC.decode(json)).isEqualTo(event);
    }

    @Test
    void refusesAnIdThatDoesNotMatchItsEpisode() {
        String json =
                new String(
                                AlertEvent.CODEC.encode(
                                        alert(0, AlertState.RAISED, RiskLevel.LEVEL_1)),
                                StandardCharsets.UTF_8)
                        .replaceFirst("al-[0-9a-f]+", "al-00000000000000000000");

        assertThatThrownBy(() -> AlertEvent.CODEC.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("alertId"));
    }

    @Test
    void refusesLevelSixNamingTheField() {
        String json =
                new String(
                                AlertEvent.CODEC.encode(
                                        alert(0, AlertState.RAISED, RiskLevel.LEVEL_1)),
                                StandardCharsets.UTF_8)
                        .replace("\"level\":1", "\"level\":6");

        assertThatThrownBy(() -> AlertEvent.CODEC.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("level: ")
                .hasMessageContaining("got 6");
    }

    @Test
    void refusesARaisedTransitionWithANonZeroRevision() {
        assertThatThrownBy(() -> alert(3, AlertState.RAISED, RiskLevel.LEVEL_1))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("revision"));
    }

    @Test
    void namesAMissingFieldByItsPath() {
        assertThatThrownBy(
                        () ->
                                AlertEvent.CODEC.decode(
                                        "{\"alertId\":\"al-1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("revision");
    }

    @Test
    void riskLevelsMapToCapSeverityAndTheirColours() {
        assertThat(RiskLevel.of(1).capSeverity()).isEqualTo("Minor");
        assertThat(RiskLevel.of(3).colourVi()).isEqualTo("da cam");
        assertThat(RiskLevel.of(5).capSeverity()).isEqualTo("Extreme");
        assertThatThrownBy(() -> RiskLevel.of(0)).isInstanceOf(ContractViolation.class);
    }

    private static AlertEvent alert(int revision, AlertState state, RiskLevel level) {
        return new AlertEvent(
                AlertEvent.idFor(SITE, Hazard.FLOOD, "flood.stage", START),
                revision,
                SITE,
                Hazard.FLOOD,
                "flood.stage",
                "flood-stage-v1",
                START,
                level,
                state,
                START.plusSeconds(600),
                START.plusSeconds(601),
                List.of(
                        new Evidence(
                                SensorId.of("wl-nam-cang"),
                                Quantity.WATER_LEVEL,
                                3.2,
                                START.plusSeconds(600),
                                42,
                                "BD2",
                                3.0)),
                true);
    }
}
