package vn.canhbao.stream.site;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.stream.serde.ImmutableSerializer;

/**
 * Binary serializer for {@link SiteSample} between the per-sensor and the per-site operator.
 *
 * <p>Layout (version 1): site, province, sensor (UTF), quantity ordinal (byte), value (double),
 * time (long), seq (long), suspect (boolean).
 */
public final class SiteSampleSerializer extends ImmutableSerializer<SiteSample> {
    private static final long serialVersionUID = 1L;
    private static final Quantity[] QUANTITIES = Quantity.values();

    public static final SiteSampleSerializer INSTANCE = new SiteSampleSerializer();

    @Override
    public void serialize(SiteSample s, DataOutputView out) throws IOException {
        out.writeUTF(s.site());
        out.writeUTF(s.province());
        out.writeUTF(s.sensor());
        out.writeByte(s.quantity().ordinal());
        out.writeDouble(s.value());
        out.writeLong(s.time());
        out.writeLong(s.seq());
        out.writeBoolean(s.suspect());
    }

    @Override
    public SiteSample deserialize(DataInputView in) throws IOException {
        String site = in.readUTF();
        String province = in.readUTF();
        String sensor = in.readUTF();
        int q = in.readByte();
        if (q < 0 || q >= QUANTITIES.length) {
            throw new IOException("quantity: unknown ordinal " + q + " in a site sample");
        }
        return new SiteSample(
                site,
                province,
                sensor,
                QUANTITIES[q],
                in.readDouble(),
                in.readLong(),
                in.readLong(),
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<SiteSample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SiteSample> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
