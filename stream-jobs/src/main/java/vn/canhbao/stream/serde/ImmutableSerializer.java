package vn.canhbao.stream.serde;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written serializers for immutable values (records): a copy is the value itself,
 * there is no empty instance to reuse, and copying serialized bytes goes through the value.
 *
 * @param <T> the immutable type
 */
public abstract class ImmutableSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public T createInstance() {
        // Records have no empty instance; Flink only asks for one to reuse, which immutable types
        // skip.
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    /** Writes an instant as its epoch second (long) and nanosecond (int). */
    protected static void writeInstant(Instant t, DataOutputView out) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    /** Reads an instant written by {@link #writeInstant}. */
    protected static Instant readInstant(DataInputView in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
