package vn.canhbao.contracts;

import java.util.List;
import java.util.Objects;

/** The readings one gateway sends in one telemetry message, all from that gateway. */
public record ReadingBatch(GatewayId gateway, List<Reading> readings) {
    public ReadingBatch {
        Objects.requireNonNull(gateway, "gateway");
        readings = List.copyOf(readings);
        for (int i = 0; i < readings.size(); i++) {
            if (!readings.get(i).gateway().equals(gateway)) {
                throw new ContractViolation(
                        "readings[" + i + "].gateway",
                        readings.get(i).gateway().value(),
                        "every reading in a batch must come from gateway " + gateway.value());
            }
        }
    }
}
