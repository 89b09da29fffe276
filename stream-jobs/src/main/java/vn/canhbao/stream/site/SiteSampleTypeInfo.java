package vn.canhbao.stream.site;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link SiteSample}, with the binary {@link SiteSampleSerializer}. */
public final class SiteSampleTypeInfo extends TypeInformation<SiteSample> {
    private static final long serialVersionUID = 1L;

    public static final SiteSampleTypeInfo INSTANCE = new SiteSampleTypeInfo();

    private SiteSampleTypeInfo() {}

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
    public Class<SiteSample> getTypeClass() {
        return SiteSample.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SiteSample> createSerializer(SerializerConfig config) {
        return SiteSampleSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SiteSample";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteSampleTypeInfo;
    }

    @Override
    public int hashCode() {
        return SiteSampleTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SiteSampleTypeInfo;
    }
}
