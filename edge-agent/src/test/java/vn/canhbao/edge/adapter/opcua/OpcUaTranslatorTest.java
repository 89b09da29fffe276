package vn.canhbao.edge.adapter.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.Sample;

class OpcUaTranslatorTest {
    static final SensorId LEVEL = SensorId.of("wl-dam");
    static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");
    static final Instant SOURCE = Instant.parse("2026-07-01T02:59:59Z");
    final OpcUaTranslator translator = new OpcUaTranslator();
    final OpcUaNode cm =
            OpcUaNode.of(LEVEL, Quantity.WATER_LEVEL, "ns=2;s=Dam/Level")
                    .withScale(0.01, 0)
                    .withDeadband(0.05);

    Optional<Sample> good(OpcUaNode node, Object value) {
        return translator.translate(node, true, "Good", value, Optional.of(SOURCE), NOW);
    }

    @Test
    void givenUnsignedRawCentimetres_whenTranslated_thenScaledToMetresAtSourceTime() {
        assertThat(good(cm, UShort.valueOf(1234)))
                .contains(new Sample(LEVEL, Quantity.WATER_LEVEL, 12.34, SOURCE));
    }

    @Test
    void givenChangesInsideTheDeadband_whenTranslated_thenOnlyBigEnoughChangesAreSamples() {
        assertThat(good(cm, 1000.0)).isPresent();
        assertThat(good(cm, 1004.0)).isEmpty();
        assertThat(good(cm, 995.5)).isEmpty();
        assertThat(good(cm, 1005.0)).isPresent();
        translator.reset();
        assertThat(good(cm, 1005.0)).isPresent();
    }

    @Test
    void givenBadStatusTextOrOutOfRange_whenTranslated_thenRefusedNamingTheField() {
        assertThatThrownBy(
                        () ->
                                translator.translate(
                                        cm,
                                        false,
                                        "Bad_NoCommunication",
                                        1.0,
                                        Optional.empty(),
                                        NOW))
                .isInstanceOf(ContractViolation.class)
                .extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("status");
        assertThatThrownBy(() -> good(cm, "high"))
                .extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("value");
        assertThatThrownBy(() -> good(cm, Double.NaN))
                .extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("v");
        assertThatThrownBy(() -> good(cm, 90_000.0))
                .extracting(e -> ((ContractViolation) e).field())
                .isEqualTo("v");
    }

    @Test
    void givenNoValidTimestamps_whenTimed_thenGatewayClock() {
        assertThat(OpcUaTranslator.time(null, null)).isEmpty();
        assertThat(OpcUaTranslator.time(Instant.EPOCH, SOURCE)).contains(SOURCE);
        assertThat(good(cm, 100.0).orElseThrow().time()).isEqualTo(SOURCE);
        assertThat(translator.translate(cm, true, "Good", 300.0, Optional.empty(), NOW))
                .map(Sample::time)
                .contains(NOW);
    }
}
