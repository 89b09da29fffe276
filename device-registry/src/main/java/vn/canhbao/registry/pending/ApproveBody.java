package vn.canhbao.registry.pending;

import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.registry.sensor.SensorBody;

/**
 * Body of {@code POST /api/v1/pending-sensors/{gateway}/{sensor}/approve}: the sensor's
 * registration, as {@code POST /api/v1/sensors} takes it, with the id and gateway from the path.
 *
 * @param quantity wire name; the quantity ingest reported when omitted
 * @param scale calibration factor; 1 when omitted
 * @param offset calibration offset; 0 when omitted
 * @param expectedIntervalSeconds how often it should report, 1 to 86400 seconds (required)
 * @param kind the instrument kind, optional
 */
public record ApproveBody(
        String quantity,
        Double scale,
        Double offset,
        Integer expectedIntervalSeconds,
        String kind) {

    SensorBody toSensorBody(GatewayId gateway, SensorId sensor, String reportedQuantity) {
        return new SensorBody(
                sensor.value(),
                gateway.value(),
                quantity == null ? reportedQuantity : quantity,
                scale,
                offset,
                expectedIntervalSeconds,
                kind);
    }
}
