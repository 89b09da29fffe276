package vn.canhbao.edge.adapter.senml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.edge.adapter.KnownSensors;
import vn.canhbao.edge.adapter.Sample;

/**
 * Fuzzes the sensor SenML decoder (JSON and CBOR) with arbitrary bytes: it may only return valid
 * samples of the sensor or throw {@link ContractViolation} naming a field. The committed corpus in
 * {@code src/test/resources/.../SensorSenmlDecoderFuzzTestInputs} replays on every build; run with
 * {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class SensorSenmlDecoderFuzzTest {
    private static final SensorId WL = SensorId.of("wl-nam-cang");
    private static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");
    private final SensorSenmlDecoder decoder =
            new SensorSenmlDecoder(
                    KnownSensors.of(
                            Map.of(
                                    WL,
                                    Quantity.WATER_LEVEL,
                                    SensorId.of("rg-nam-cang"),
                                    Quantity.RAIN)));

    @FuzzTest(maxDuration = "30s")
    void jsonEitherDecodesValidSamplesOrNamesTheField(byte[] input) {
        check(input, SenmlFormat.JSON);
    }

    @FuzzTest(maxDuration = "30s")
    void cborEitherDecodesValidSamplesOrNamesTheField(byte[] input) {
        check(input, SenmlFormat.CBOR);
    }

    private void check(byte[] input, SenmlFormat format) {
        try {
            List<Sample> samples = decoder.decode(input, format, WL, NOW);
            if (samples.isEmpty()) {
                throw new AssertionError("an accepted pack must hold samples");
            }
            for (Sample s : samples) {
                if (!s.sensor().equals(WL)
                        || s.quantity() != Quantity.WATER_LEVEL
                        || !Double.isFinite(s.value())
                        || !s.quantity().inPhysicalRange(s.value())
                        || s.time().isAfter(NOW.plus(SensorSenmlDecoder.MAX_FUTURE))) {
                    throw new AssertionError("accepted an invalid sample " + s);
                }
            }
        } catch (ContractViolation expected) {
            if (expected.field().isEmpty() || expected.reason().isEmpty()) {
                throw new AssertionError("a rejection must name field and reason", expected);
            }
        }
    }
}
