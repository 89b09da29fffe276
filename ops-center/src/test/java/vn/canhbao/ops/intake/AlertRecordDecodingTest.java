package vn.canhbao.ops.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SiteId;

class AlertRecordDecodingTest {
    private static final Instant START = Instant.parse("2026-11-22T01:00:00Z");

    private static AlertEvent raised() {
        SiteId site = SiteId.of("nam-cang");
        return new AlertEvent(
                AlertEvent.idFor(site, Hazard.FLOOD, "flood.stage", START),
                0,
                site,
                Hazard.FLOOD,
                "flood.stage",
                "1",
                START,
                RiskLevel.LEVEL_3,
                AlertState.RAISED,
                START,
                START,
                List.of(),
                true);
    }

    private static IncomingRecord record(Optional<String> key, byte[] value) {
        return new IncomingRecord(KafkaTopics.ALERTS, 0, 42, key, value);
    }

    @Test
    void decodesAnAlertWhoseKeyIsItsId() {
        AlertEvent event = raised();

        AlertEvent decoded =
                AlertIntake.decode(
                        record(Optional.of(event.alertId()), AlertEvent.CODEC.encode(event)));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void acceptsARecordWithoutKey() {
        AlertEvent event = raised();

        assertThat(AlertIntake.decode(record(Optional.empty(), AlertEvent.CODEC.encode(event))))
                .isEqualTo(event);
    }

    @Test
    void rejectsAKeyThatIsNotTheAlertIdNamingTheKey() {
        AlertEvent event = raised();

        assertThatThrownBy(
                        () ->
                                AlertIntake.decode(
                                        record(
                                                Optional.of("al-other"),
                                                AlertEvent.CODEC.encode(event))))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("key"))
                .hasMessageContaining("al-other");
    }

    @Test
    void rejectsGarbageAndTombstones() {
        assertThatThrownBy(
                        () ->
                                AlertIntake.decode(
                                        record(
                                                Optional.empty(),
                                                "not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> AlertIntake.decode(record(Optional.empty(), new byte[0])))
                .isInstanceOfSatisfying(
                        ContractViolation.class, v -> assertThat(v.field()).isEqualTo("payload"));
    }

    @Test
    void turnsAnUnexpectedDecodingFailureIntoAViolationOfThePayload() {
        ContractViolation v = Rejection.asViolation(new IllegalArgumentException("boom"));

        assertThat(v.field()).isEqualTo("payload");
        assertThat(v.getMessage()).contains("boom");
    }
}
