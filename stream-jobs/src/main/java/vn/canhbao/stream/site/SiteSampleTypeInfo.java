package vn.canhbao.stream.site;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import vn.canhbao.stream.serde.SerializerTypeInfo;

/** Flink type information for {@link SiteSample}, with the binary {@link SiteSampleSerializer}. */
public final class SiteSampleTypeInfo {
    public static final TypeInformation<SiteSample> INSTANCE =
            new SerializerTypeInfo<>(SiteSample.class, SiteSampleSerializer.INSTANCE, "SiteSample");

    private SiteSampleTypeInfo() {}
}
