package vn.canhbao.ingest.registry;

import java.util.Optional;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SensorId;

/** The sensors the registry knows. Thread-safe. */
public interface SensorDirectory {
    /**
     * @return the sensor's place when the registry knows this sensor on this gateway
     */
    Optional<SensorPlace> lookup(GatewayId gateway, SensorId sensor);

    /** False when ingest runs without the registry: every sensor is let in, nothing enriched. */
    boolean enforced();

    /** Lets every sensor in, without enrichment (ingest without a registry). */
    SensorDirectory OPEN =
            new SensorDirectory() {
                @Override
                public Optional<SensorPlace> lookup(GatewayId gateway, SensorId sensor) {
                    return Optional.empty();
                }

                @Override
                public boolean enforced() {
                    return false;
                }
            };
}
