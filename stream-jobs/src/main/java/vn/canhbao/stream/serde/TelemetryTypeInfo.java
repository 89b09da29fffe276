package vn.canhbao.stream.serde;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Flink type information for {@link TelemetryRecord}, with the binary {@link TelemetrySerializer}.
 */
public final class TelemetryTypeInfo {
    public static final TypeInformation<TelemetryRecord> INSTANCE =
            new SerializerTypeInfo<>(
                    TelemetryRecord.class, TelemetrySerializer.INSTANCE, "Telemetry");

    private TelemetryTypeInfo() {}
}
