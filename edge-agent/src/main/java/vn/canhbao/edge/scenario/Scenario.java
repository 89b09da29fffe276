package vn.canhbao.edge.scenario;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.canhbao.contracts.GatewayId;

/**
 * A simulation script for one gateway: which sensors it has and what they report over time.
 *
 * @param gateway the gateway the scenario is written for
 * @param publishInterval how often (wall-clock) the gateway samples every sensor and sends one
 *     batch
 * @param sensors at least one sensor, ids unique
 */
public record Scenario(GatewayId gateway, Duration publishInterval, List<SensorSeries> sensors) {
    public Scenario {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(publishInterval, "publishInterval");
        if (publishInterval.isZero() || publishInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "publishInterval must be positive, got " + publishInterval);
        }
        sensors = List.copyOf(sensors);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("sensors must not be empty");
        }
        Set<Object> seen = new HashSet<>();
        for (SensorSeries s : sensors) {
            if (!seen.add(s.sensor())) {
                throw new IllegalArgumentException("sensor " + s.sensor() + " appears twice");
            }
        }
    }
}
