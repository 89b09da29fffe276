package vn.canhbao.stream.serde;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryPack.PackedReading;

/**
 * A compact binary serializer for {@link TelemetryPack}, the element the hazard job exchanges
 * between its source and its gateway-keyed rules: one exchange per gateway message, not per
 * reading. Deserialization goes through the pack's constructor, so the contract is checked again;
 * ids already checked are recognised by their bytes ({@link WireNames}), a pack's sensor ids in its
 * gateway's own small table.
 *
 * <p>Layout (version 1): gateway (UTF), receivedAt (epoch second long, nano int), count (int), then
 * per reading: sensor (UTF), quantity (wire name, UTF), value (double), time (epoch second long,
 * nano int), seq (long).
 */
public final class TelemetryPackSerializer extends ImmutableSerializer<TelemetryPack> {
    private static final long serialVersionUID = 1L;

    public static final TelemetryPackSerializer INSTANCE = new TelemetryPackSerializer();

    public static final TypeInformation<TelemetryPack> TYPE_INFO =
            new SerializerTypeInfo<>(TelemetryPack.class, INSTANCE, "TelemetryPack");

    @Override
    public void serialize(TelemetryPack p, DataOutputView out) throws IOException {
        out.writeUTF(p.gateway().value());
        writeInstant(p.receivedAt(), out);
        out.writeInt(p.readings().size());
        for (PackedReading r : p.readings()) {
            out.writeUTF(r.sensor().value());
            out.writeUTF(r.quantity().wireName());
            out.writeDouble(r.value());
            writeInstant(r.time(), out);
            out.writeLong(r.seq());
        }
    }

    @Override
    public TelemetryPack deserialize(DataInputView in) throws IOException {
        byte[] buffer = WireNames.buffer();
        WireNames.Entry<GatewayId> entry = WireNames.GATEWAYS.readEntry(in, buffer);
        GatewayId gateway = entry.id();
        Instant receivedAt = readInstant(in);
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("reading count " + n + " out of range: corrupt pack");
        }
        PackedReading[] readings = new PackedReading[n];
        WireNames.PackCursor cursor = new WireNames.PackCursor(entry);
        for (int i = 0; i < n; i++) {
            SensorId sensor = WireNames.readSensor(cursor, in, buffer);
            Quantity quantity = WireNames.readQuantity(in, buffer);
            double value = in.readDouble();
            Instant time = readInstant(in);
            readings[i] =
                    new PackedReading(
                            sensor, quantity, quantity.unit(), value, time, in.readLong());
        }
        // An immutable list, which the pack's List.copyOf keeps instead of copying.
        return new TelemetryPack(gateway, receivedAt, List.of(readings));
    }

    @Override
    public TypeSerializerSnapshot<TelemetryPack> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TelemetryPack> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
