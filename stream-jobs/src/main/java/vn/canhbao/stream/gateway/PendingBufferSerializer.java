package vn.canhbao.stream.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.serde.ImmutableSerializer;
import vn.canhbao.stream.serde.SerializerTypeInfo;
import vn.canhbao.stream.serde.TelemetrySerializer;

/**
 * Layout (version 1): due (long), check (long), count (int), the readings ({@link
 * TelemetrySerializer}).
 */
public final class PendingBufferSerializer extends ImmutableSerializer<PendingBuffer> {
    private static final long serialVersionUID = 1L;

    public static final PendingBufferSerializer INSTANCE = new PendingBufferSerializer();

    public static final TypeInformation<PendingBuffer> TYPE_INFO =
            new SerializerTypeInfo<>(PendingBuffer.class, INSTANCE, "PendingBuffer");

    @Override
    public void serialize(PendingBuffer b, DataOutputView out) throws IOException {
        out.writeLong(b.due());
        out.writeLong(b.check());
        out.writeInt(b.readings().size());
        for (TelemetryRecord r : b.readings()) {
            TelemetrySerializer.INSTANCE.serialize(r, out);
        }
    }

    @Override
    public PendingBuffer deserialize(DataInputView in) throws IOException {
        long due = in.readLong();
        long check = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("pending count " + n + " out of range: corrupt state");
        }
        List<TelemetryRecord> readings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            readings.add(TelemetrySerializer.INSTANCE.deserialize(in));
        }
        return new PendingBuffer(due, check, readings);
    }

    @Override
    public TypeSerializerSnapshot<PendingBuffer> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PendingBuffer> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
