package vn.canhbao.stream.gateway;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.hazards.flood.FloodRuleState;
import vn.canhbao.hazards.flood.RiseState;
import vn.canhbao.hazards.wind.WindRule;
import vn.canhbao.stream.gateway.SensorState.StuckEpisode;
import vn.canhbao.stream.sensor.QcStateSerializer;
import vn.canhbao.stream.serde.ImmutableSerializer;
import vn.canhbao.stream.serde.JsonRecordSerializer;
import vn.canhbao.stream.serde.SerializerTypeInfo;

/**
 * Binary serializer for {@link SensorState}. The quality-control part every reading changes is
 * fixed binary ({@link QcStateSerializer}); the rule states that exist only while they matter
 * (flood episode, rate-of-rise window, wind bins) are JSON, as before they were one state each.
 *
 * <p>Layout (version 1): qc (64 bytes), qcTimer (long), presence bits (byte: flood, clearedAt,
 * rise, wind, stuck, recent), then each present part: flood (JSON), clearedAt and clearedAtSetAt
 * (longs), rise (JSON), wind (JSON), stuck (start long, revision int, level int), recent (count
 * int, longs, the ring's next slot int; the newest time is their maximum).
 */
public final class SensorStateSerializer extends ImmutableSerializer<SensorState> {
    private static final long serialVersionUID = 1L;

    public static final SensorStateSerializer INSTANCE = new SensorStateSerializer();

    public static final TypeInformation<SensorState> TYPE_INFO =
            new SerializerTypeInfo<>(SensorState.class, INSTANCE, "SensorState");

    private static final int FLOOD = 1;
    private static final int CLEARED = 2;
    private static final int RISE = 4;
    private static final int WIND = 8;
    private static final int STUCK = 16;
    private static final int RECENT = 32;

    private static final JsonRecordSerializer<FloodRuleState> FLOOD_JSON =
            new JsonRecordSerializer<>(FloodRuleState.class);
    private static final JsonRecordSerializer<RiseState> RISE_JSON =
            new JsonRecordSerializer<>(RiseState.class);
    private static final JsonRecordSerializer<WindRule.State> WIND_JSON =
            new JsonRecordSerializer<>(WindRule.State.class);

    @Override
    public void serialize(SensorState s, DataOutputView out) throws IOException {
        QcStateSerializer.INSTANCE.serialize(s.qc(), out);
        out.writeLong(s.qcTimer());
        int bits =
                (s.flood() != null ? FLOOD : 0)
                        | (s.clearedAt() != SensorState.NO_TIME ? CLEARED : 0)
                        | (s.rise() != null ? RISE : 0)
                        | (s.wind() != null ? WIND : 0)
                        | (s.stuck() != null ? STUCK : 0)
                        | (s.recent() != null ? RECENT : 0);
        out.writeByte(bits);
        if (s.flood() != null) {
            FLOOD_JSON.serialize(s.flood(), out);
        }
        if (s.clearedAt() != SensorState.NO_TIME) {
            out.writeLong(s.clearedAt());
            out.writeLong(s.clearedAtSetAt());
        }
        if (s.rise() != null) {
            RISE_JSON.serialize(s.rise(), out);
        }
        if (s.wind() != null) {
            WIND_JSON.serialize(s.wind(), out);
        }
        if (s.stuck() != null) {
            out.writeLong(s.stuck().start());
            out.writeInt(s.stuck().revision());
            out.writeInt(s.stuck().level());
        }
        if (s.recent() != null) {
            out.writeInt(s.recent().length);
            for (long t : s.recent()) {
                out.writeLong(t);
            }
            out.writeInt(s.recentNext());
        }
    }

    @Override
    public SensorState deserialize(DataInputView in) throws IOException {
        var qc = QcStateSerializer.INSTANCE.deserialize(in);
        long qcTimer = in.readLong();
        int bits = in.readByte();
        FloodRuleState flood = (bits & FLOOD) != 0 ? FLOOD_JSON.deserialize(in) : null;
        long clearedAt = SensorState.NO_TIME;
        long clearedAtSetAt = 0;
        if ((bits & CLEARED) != 0) {
            clearedAt = in.readLong();
            clearedAtSetAt = in.readLong();
        }
        RiseState rise = (bits & RISE) != 0 ? RISE_JSON.deserialize(in) : null;
        WindRule.State wind = (bits & WIND) != 0 ? WIND_JSON.deserialize(in) : null;
        StuckEpisode stuck =
                (bits & STUCK) != 0
                        ? new StuckEpisode(in.readLong(), in.readInt(), in.readInt())
                        : null;
        long[] recent = null;
        int recentNext = 0;
        long recentNewest = SensorState.NO_TIME;
        if ((bits & RECENT) != 0) {
            int n = in.readInt();
            if (n < 0 || n > 4096) {
                throw new IOException("recent-times count " + n + " out of range: corrupt state");
            }
            recent = new long[n];
            for (int i = 0; i < n; i++) {
                recent[i] = in.readLong();
                recentNewest = Math.max(recentNewest, recent[i]);
            }
            recentNext = in.readInt();
            if (recentNext < 0 || recentNext > n) {
                throw new IOException(
                        "recent-times slot " + recentNext + " out of range: corrupt state");
            }
        }
        return new SensorState(
                qc,
                qcTimer,
                flood,
                clearedAt,
                clearedAtSetAt,
                rise,
                wind,
                stuck,
                recent,
                recentNext,
                recentNewest);
    }

    @Override
    public TypeSerializerSnapshot<SensorState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SensorState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
