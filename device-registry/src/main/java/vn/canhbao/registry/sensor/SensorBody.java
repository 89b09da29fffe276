package vn.canhbao.registry.sensor;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.registry.api.Fields;

/**
 * Body of {@code POST /api/v1/sensors}. Calibrated value = raw × scale + offset.
 *
 * @param id the sensor id, as it appears in the gateway's SenML names
 * @param gatewayId the gateway it reports through
 * @param quantity wire name of the quantity, e.g. {@code water_level}, {@code rain}
 * @param scale calibration factor, finite and non-zero; 1 when omitted
 * @param offset calibration offset in the quantity's unit; 0 when omitted
 * @param expectedIntervalSeconds how often it should report, 1 to 86400 seconds
 * @param kind the instrument kind, optional
 */
public record SensorBody(
        String id,
        String gatewayId,
        String quantity,
        Double scale,
        Double offset,
        Integer expectedIntervalSeconds,
        String kind) {

    static final int MAX_INTERVAL_SECONDS = 86_400;

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** The body of the foundation API (no kind). */
    public SensorBody(
            String id,
            String gatewayId,
            String quantity,
            Double scale,
            Double offset,
            Integer expectedIntervalSeconds) {
        this(id, gatewayId, quantity, scale, offset, expectedIntervalSeconds, null);
    }

    /**
     * The instrument kind, e.g. {@code radar}, {@code pressure}, {@code tipping-bucket}; optional.
     *
     * @throws ContractViolation naming {@code kind} when it is not 1 to 32 lower-case letters,
     *     digits or dashes
     */
    public Optional<String> validKind() {
        if (kind == null) {
            return Optional.empty();
        }
        if (!KIND.matcher(kind).matches()) {
            throw new ContractViolation(
                    "kind", kind, "expected 1 to 32 lower-case letters, digits or dashes");
        }
        return Optional.of(kind);
    }

    /**
     * @throws ContractViolation naming the field and value at fault
     */
    public SensorConfig toSensor() {
        SensorId sensor = Fields.parse(id, "id", SensorId::of);
        GatewayId gateway = Fields.parse(gatewayId, "gatewayId", GatewayId::of);
        Quantity q = Quantity.parse(Fields.required(quantity, "quantity"), "quantity");
        double s = scale == null ? 1.0 : scale;
        if (!Double.isFinite(s) || s == 0) {
            throw new ContractViolation("scale", s, "expected a finite, non-zero factor");
        }
        double o = offset == null ? 0.0 : offset;
        if (!Double.isFinite(o)) {
            throw new ContractViolation("offset", o, "expected a finite offset");
        }
        int interval = Fields.required(expectedIntervalSeconds, "expectedIntervalSeconds");
        if (interval < 1 || interval > MAX_INTERVAL_SECONDS) {
            throw new ContractViolation(
                    "expectedIntervalSeconds", interval, "expected 1 to " + MAX_INTERVAL_SECONDS);
        }
        return new SensorConfig(sensor, gateway, q, s, o, Duration.ofSeconds(interval));
    }
}
