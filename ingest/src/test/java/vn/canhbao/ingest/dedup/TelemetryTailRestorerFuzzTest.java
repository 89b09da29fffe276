package vn.canhbao.ingest.dedup;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import vn.canhbao.contracts.TelemetryPack;

/**
 * The restore decoder must skip anything that is not a telemetry record, never throw: one bad
 * record in {@code cb.telemetry.v1} must not stop ingest from starting. The committed corpus
 * replays on every build; run with {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class TelemetryTailRestorerFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodeSkipsInsteadOfThrowing(byte[] value) {
        Optional<TelemetryPack> r = TelemetryTailRestorer.decode(value);
        if (r.isPresent()
                && (r.get().readings().isEmpty()
                        || r.get().readings().stream().anyMatch(p -> p.seq() < 0))) {
            throw new AssertionError("a decoded record must satisfy the contract: " + r.get());
        }
    }
}
