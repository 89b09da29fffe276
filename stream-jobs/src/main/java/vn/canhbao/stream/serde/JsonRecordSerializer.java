package vn.canhbao.stream.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.GenericTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.contracts.Json;

/**
 * Serializes a value as length-prefixed JSON bytes ({@code Json.mapper()}). A record is taken as
 * immutable, so its copy is the same instance. Any other class is taken as mutable (a state value
 * changed in place): its copy is a deep copy through JSON, which the heap state backend makes only
 * for values a running snapshot still needs. Stateless and thread-safe.
 *
 * @param <T> the value type
 */
public final class JsonRecordSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final boolean mutable;

    public JsonRecordSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.mutable = !type.isRecord();
    }

    @Override
    public boolean isImmutableType() {
        return !mutable;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        // Records have no empty instance; Flink only uses this for reuse, which immutable types
        // skip.
        return null;
    }

    @Override
    public T copy(T from) {
        if (!mutable || from == null) {
            return from;
        }
        try {
            return Json.mapper().readValue(Json.mapper().writeValueAsBytes(from), type);
        } catch (IOException e) {
            throw new UncheckedIOException("copy of " + type.getSimpleName() + " through JSON", e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return Json.mapper().readValue(bytes, type);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonRecordSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Writes the record class name; compatible as long as the class reads its own JSON. */
    public static final class Snapshot<T>
            extends GenericTypeSerializerSnapshot<T, JsonRecordSerializer<T>> {
        /** For Flink's reflective restore. */
        public Snapshot() {}

        Snapshot(Class<T> type) {
            super(type);
        }

        @Override
        protected TypeSerializer<T> createSerializer(Class<T> type) {
            return new JsonRecordSerializer<>(type);
        }

        @Override
        protected Class<T> getTypeClass(JsonRecordSerializer<T> serializer) {
            return serializer.type;
        }

        @Override
        protected Class<?> serializerClass() {
            return JsonRecordSerializer.class;
        }
    }
}
