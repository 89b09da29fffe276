package vn.canhbao.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void consecutiveCallsNeverReturnTheSamePort() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ports.add(FreePorts.next());
        }

        assertThat(ports)
                .doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(1, 65535));
    }
}
