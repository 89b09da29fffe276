package vn.canhbao.stream.flood;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import vn.canhbao.contracts.SensorConfig;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.stream.serde.JsonTypeInfo;

/**
 * The broadcast state that carries site configuration to every parallel instance: the latest {@link
 * SiteConfig} per site, and an index from sensor key ({@code gateway/sensor}, the key of {@code
 * cb.telemetry.v1}) to the site that lists the sensor.
 */
public final class SiteConfigState {
    /** Site id → the newest config seen for it. */
    public static final MapStateDescriptor<String, SiteConfig> SITES =
            new MapStateDescriptor<>("sites", Types.STRING, JsonTypeInfo.of(SiteConfig.class));

    /** Sensor key ({@code gateway/sensor}) → site id. */
    public static final MapStateDescriptor<String, String> SENSOR_SITES =
            new MapStateDescriptor<>("sensor-sites", Types.STRING, Types.STRING);

    private SiteConfigState() {}

    /** The telemetry key of a configured sensor, as {@code TelemetryRecord.sensorKey()}. */
    public static String sensorKey(SensorConfig sensor) {
        return sensor.gateway().value() + "/" + sensor.sensor().value();
    }
}
