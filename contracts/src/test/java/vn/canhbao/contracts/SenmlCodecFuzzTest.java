package vn.canhbao.contracts;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the SenML decoder with arbitrary bytes: it may only return a valid batch or throw {@link
 * ContractViolation}. The committed corpus in {@code
 * src/test/resources/.../SenmlCodecFuzzTestInputs} replays on every build; run with {@code
 * JAZZER_FUZZ=1} to fuzz for real.
 */
class SenmlCodecFuzzTest {
    private static final GatewayId GW = GatewayId.of("gw-1");
    private final SenmlCodec codec = new SenmlCodec();

    @FuzzTest(maxDuration = "30s")
    void decodeEitherSucceedsOrNamesTheField(byte[] input) {
        try {
            ReadingBatch batch = codec.decode(input, GW);
            if (batch.readings().isEmpty()) {
                throw new AssertionError("an accepted batch must hold readings");
            }
        } catch (ContractViolation expected) {
            if (expected.field().isEmpty()) {
                throw new AssertionError("a rejection must name the field", expected);
            }
        }
    }
}
