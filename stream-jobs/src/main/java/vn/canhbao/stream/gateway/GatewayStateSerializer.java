package vn.canhbao.stream.gateway;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.stream.health.GatewayHealth;
import vn.canhbao.stream.serde.JsonRecordSerializer;
import vn.canhbao.stream.serde.SerializerTypeInfo;

/**
 * Serializer for {@link GatewayState}, a mutable value: {@link #copy} is deep (see the class's
 * comment on why that matters for the heap backend's snapshots).
 *
 * <p>Layout (version 1): sensor count (int), then per sensor: id (UTF), last reading's processing
 * time (long), rule state ({@link SensorStateSerializer}); health present (byte) and the health as
 * JSON; pending sensors (int).
 */
public final class GatewayStateSerializer extends TypeSerializerSingleton<GatewayState> {
    private static final long serialVersionUID = 1L;

    public static final GatewayStateSerializer INSTANCE = new GatewayStateSerializer();

    public static final TypeInformation<GatewayState> TYPE_INFO =
            new SerializerTypeInfo<>(GatewayState.class, INSTANCE, "GatewayState");

    /** More sensors than a gateway can have: a larger count means corrupt bytes. */
    static final int MAX_SENSORS = 100_000;

    private static final JsonRecordSerializer<GatewayHealth> HEALTH_JSON =
            new JsonRecordSerializer<>(GatewayHealth.class);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public GatewayState createInstance() {
        return new GatewayState();
    }

    @Override
    public GatewayState copy(GatewayState from) {
        return from == null ? null : from.copy();
    }

    @Override
    public GatewayState copy(GatewayState from, GatewayState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(GatewayState s, DataOutputView out) throws IOException {
        int n = s.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeUTF(s.id(i));
            out.writeLong(s.seen(i));
            SensorStateSerializer.INSTANCE.serialize(s.sensor(i), out);
        }
        GatewayHealth health = s.health();
        out.writeBoolean(health != null);
        if (health != null) {
            HEALTH_JSON.serialize(health, out);
        }
        out.writeInt(s.pendingSensors());
    }

    @Override
    public GatewayState deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_SENSORS) {
            throw new IOException("sensor count " + n + " out of range: corrupt gateway state");
        }
        String[] ids = new String[n];
        long[] seen = new long[n];
        SensorState[] sensors = new SensorState[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readUTF();
            seen[i] = in.readLong();
            sensors[i] = SensorStateSerializer.INSTANCE.deserialize(in);
        }
        GatewayHealth health = in.readBoolean() ? HEALTH_JSON.deserialize(in) : null;
        int pending = in.readInt();
        if (pending < 0 || pending > MAX_SENSORS) {
            throw new IOException(
                    "pending sensor count " + pending + " out of range: corrupt gateway state");
        }
        return new GatewayState(ids, sensors, seen, health, pending);
    }

    @Override
    public GatewayState deserialize(GatewayState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<GatewayState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GatewayState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
