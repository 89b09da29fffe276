package vn.canhbao.stream.serde;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import vn.canhbao.contracts.TelemetryRecord;

/**
 * Flink type information for {@link TelemetryRecord}, with the binary {@link TelemetrySerializer}.
 */
public final class TelemetryTypeInfo extends TypeInformation<TelemetryRecord> {
    private static final long serialVersionUID = 1L;

    public static final TelemetryTypeInfo INSTANCE = new TelemetryTypeInfo();

    private TelemetryTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<TelemetryRecord> getTypeClass() {
        return TelemetryRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<TelemetryRecord> createSerializer(SerializerConfig config) {
        return TelemetrySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Telemetry";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelemetryTypeInfo;
    }

    @Override
    public int hashCode() {
        return TelemetryTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof TelemetryTypeInfo;
    }
}
