package vn.canhbao.registry.sensor;

import vn.canhbao.contracts.SensorConfig;

/** A sensor as the API returns it; {@code siteId} is the site of its gateway. */
public record SensorView(
        String id,
        String gatewayId,
        String siteId,
        String quantity,
        String unit,
        double scale,
        double offset,
        long expectedIntervalSeconds,
        String kind) {

    public static SensorView of(SensorConfig s, String siteId, String kind) {
        return new SensorView(
                s.sensor().value(),
                s.gateway().value(),
                siteId,
                s.quantity().wireName(),
                s.quantity().unit(),
                s.scale(),
                s.offset(),
                s.expectedInterval().toSeconds(),
                kind);
    }
}
