package vn.canhbao.stream.serde;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type information for a contract record (or a mutable state class), serialized with the
 * shared JSON mapper ({@code Json.mapper()}). Used for stream elements and state so that records
 * with {@code Optional}, immutable lists and typed ids never fall back to Kryo, and so that state
 * written by one version of the job reads back the same way the wire format does.
 *
 * <p>A {@link SerializerTypeInfo} with a {@link JsonRecordSerializer}.
 */
public final class JsonTypeInfo {
    private JsonTypeInfo() {}

    /**
     * @param type a record type (immutable) or a state class (mutable, deep-copied) that
     *     round-trips through {@code Json.mapper()}
     */
    public static <T> TypeInformation<T> of(Class<T> type) {
        return new SerializerTypeInfo<>(
                type, new JsonRecordSerializer<>(type), "Json<" + type.getSimpleName() + ">");
    }
}
