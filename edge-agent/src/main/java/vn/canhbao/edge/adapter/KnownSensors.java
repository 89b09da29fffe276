package vn.canhbao.edge.adapter;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;

/**
 * The sensors an adapter accepts and what each may report. Anything else is refused as an unknown
 * sensor (or a quantity the sensor is not configured for). Immutable.
 */
public final class KnownSensors {
    private final Map<SensorId, Set<Quantity>> sensors;

    private KnownSensors(Map<SensorId, Set<Quantity>> sensors) {
        this.sensors = sensors;
    }

    public static KnownSensors of(Map<SensorId, Quantity> sensors) {
        Map<SensorId, Set<Quantity>> m = new LinkedHashMap<>();
        sensors.forEach((id, q) -> m.put(id, Set.of(q)));
        return new KnownSensors(Map.copyOf(m));
    }

    /** From the site configuration; a sensor listed with several quantities may report each. */
    public static KnownSensors fromConfigs(Collection<SensorConfig> configs) {
        Map<SensorId, EnumSet<Quantity>> m = new LinkedHashMap<>();
        for (SensorConfig c : configs) {
            m.computeIfAbsent(c.sensor(), k -> EnumSet.noneOf(Quantity.class)).add(c.quantity());
        }
        Map<SensorId, Set<Quantity>> frozen = new LinkedHashMap<>();
        m.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return new KnownSensors(Map.copyOf(frozen));
    }

    public static KnownSensors of(SensorId sensor, Quantity quantity) {
        return new KnownSensors(Map.of(sensor, Set.of(quantity)));
    }

    public boolean contains(SensorId sensor) {
        return sensors.containsKey(sensor);
    }

    public Set<SensorId> ids() {
        return sensors.keySet();
    }

    public Set<Quantity> quantitiesOf(SensorId sensor) {
        return sensors.getOrDefault(sensor, Set.of());
    }

    /** The one quantity of {@code sensor} when it is configured with exactly one. */
    public Optional<Quantity> soleQuantity(SensorId sensor) {
        Set<Quantity> qs = sensors.get(sensor);
        return qs != null && qs.size() == 1 ? Optional.of(qs.iterator().next()) : Optional.empty();
    }

    /**
     * Parses a sensor id from untrusted input and checks it is configured.
     *
     * @throws ContractViolation naming {@code field} when the id is malformed or not configured
     */
    public SensorId require(String raw, String field) {
        SensorId id;
        try {
            id = SensorId.of(raw);
        } catch (RuntimeException e) {
            throw new ContractViolation(field, raw, "not a valid sensor id");
        }
        if (!sensors.containsKey(id)) {
            throw new ContractViolation(
                    field, raw, "unknown sensor: not configured on this gateway");
        }
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownSensors k && k.sensors.equals(sensors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensors);
    }

    @Override
    public String toString() {
        return "KnownSensors" + sensors;
    }
}
