package vn.canhbao.stream.sensor;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.hazards.qc.QcState;
import vn.canhbao.stream.serde.ImmutableSerializer;
import vn.canhbao.stream.serde.SerializerTypeInfo;

/**
 * Fixed-length binary serializer (64 bytes) for {@link QcState}, the state every reading updates:
 * cheap per access with RocksDB and in checkpoints, where JSON would cost a parse per reading.
 * Layout (version 1): lastTime, goodValue, goodTime, heldValue, heldTime, heldSeq (8 bytes each),
 * heldFlag (int), flatRef (double), flatRun (int).
 */
public final class QcStateSerializer extends ImmutableSerializer<QcState> {
    private static final long serialVersionUID = 1L;

    public static final QcStateSerializer INSTANCE = new QcStateSerializer();

    /** Type information with this serializer. */
    public static final TypeInformation<QcState> TYPE_INFO =
            new SerializerTypeInfo<>(QcState.class, INSTANCE, "QcState");

    @Override
    public QcState createInstance() {
        return QcState.EMPTY;
    }

    @Override
    public int getLength() {
        return 64;
    }

    @Override
    public void serialize(QcState s, DataOutputView out) throws IOException {
        out.writeLong(s.lastTime());
        out.writeDouble(s.goodValue());
        out.writeLong(s.goodTime());
        out.writeDouble(s.heldValue());
        out.writeLong(s.heldTime());
        out.writeLong(s.heldSeq());
        out.writeInt(s.heldFlag());
        out.writeDouble(s.flatRef());
        out.writeInt(s.flatRun());
    }

    @Override
    public QcState deserialize(DataInputView in) throws IOException {
        return new QcState(
                in.readLong(),
                in.readDouble(),
                in.readLong(),
                in.readDouble(),
                in.readLong(),
                in.readLong(),
                in.readInt(),
                in.readDouble(),
                in.readInt());
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, 64);
    }

    @Override
    public TypeSerializerSnapshot<QcState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<QcState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
