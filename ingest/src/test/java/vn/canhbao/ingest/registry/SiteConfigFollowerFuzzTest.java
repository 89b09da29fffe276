package vn.canhbao.ingest.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import vn.canhbao.contracts.SiteConfig;

/**
 * The site-configuration decoder must skip garbage, never throw (an exception would freeze the
 * registry cache), and a decoded configuration must apply to the cache without error. The committed
 * corpus replays on every build; run with {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class SiteConfigFollowerFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodeSkipsInsteadOfThrowing(byte[] value) {
        Optional<SiteConfig> config = SiteConfigFollower.decode(value);
        config.ifPresent(c -> new SiteConfigCache().apply(c));
    }
}
