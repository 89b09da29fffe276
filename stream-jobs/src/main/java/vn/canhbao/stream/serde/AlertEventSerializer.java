package vn.canhbao.stream.serde;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.AlertState;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Hazard;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.RiskLevel;
import vn.canhbao.contracts.SensorId;
import vn.canhbao.contracts.SiteId;

/**
 * A compact binary serializer for {@link AlertEvent}, the element the rules send to the alert sink
 * (no JSON encode and parse per hop during alert storms). Deserialization goes through the records'
 * constructors, so the contract is checked again (the alert id is recomputed).
 *
 * <p>Layout (version 1): version (byte), alertId (UTF), revision (int), site (UTF), hazard (wire
 * name, UTF), ruleId (UTF), ruleVersion (UTF), episodeStart (epoch second long, nano int), level
 * (number, byte), state (wire name, UTF), time and emittedAt (epoch second long, nano int each),
 * count (int), then per evidence item: sensor (UTF), quantity (wire name, UTF), value (double),
 * time (epoch second long, nano int), seq (long), threshold (UTF), thresholdValue (double); last
 * localSensorAlert (boolean).
 *
 * <p>Alerts are only in flight between operators, never in keyed or operator state, so a change of
 * this layout does not affect savepoints.
 */
public final class AlertEventSerializer extends ImmutableSerializer<AlertEvent> {
    private static final long serialVersionUID = 1L;

    public static final AlertEventSerializer INSTANCE = new AlertEventSerializer();

    public static final TypeInformation<AlertEvent> TYPE_INFO =
            new SerializerTypeInfo<>(AlertEvent.class, INSTANCE, "AlertEvent");

    static final byte VERSION = 1;

    static final int MAX_EVIDENCE = 10_000;

    @Override
    public void serialize(AlertEvent a, DataOutputView out) throws IOException {
        out.writeByte(VERSION);
        out.writeUTF(a.alertId());
        out.writeInt(a.revision());
        out.writeUTF(a.site().value());
        out.writeUTF(a.hazard().wireName());
        out.writeUTF(a.ruleId());
        out.writeUTF(a.ruleVersion());
        writeInstant(a.episodeStart(), out);
        out.writeByte(a.level().number());
        out.writeUTF(a.state().wireName());
        writeInstant(a.time(), out);
        writeInstant(a.emittedAt(), out);
        out.writeInt(a.evidence().size());
        for (Evidence e : a.evidence()) {
            out.writeUTF(e.sensor().value());
            out.writeUTF(e.quantity().wireName());
            out.writeDouble(e.value());
            writeInstant(e.time(), out);
            out.writeLong(e.seq());
            out.writeUTF(e.threshold());
            out.writeDouble(e.thresholdValue());
        }
        out.writeBoolean(a.localSensorAlert());
    }

    @Override
    public AlertEvent deserialize(DataInputView in) throws IOException {
        byte[] buffer = WireNames.buffer();
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("alert layout version " + version + " unknown: corrupt alert");
        }
        String alertId = in.readUTF();
        int revision = in.readInt();
        SiteId site = SiteId.of(in.readUTF());
        Hazard hazard = Hazard.fromWire(in.readUTF());
        String ruleId = in.readUTF();
        String ruleVersion = in.readUTF();
        Instant episodeStart = readInstant(in);
        RiskLevel level = RiskLevel.of(in.readByte());
        AlertState state = AlertState.fromWire(in.readUTF());
        Instant time = readInstant(in);
        Instant emittedAt = readInstant(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_EVIDENCE) {
            throw new IOException("evidence count " + n + " out of range: corrupt alert");
        }
        List<Evidence> evidence = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SensorId sensor = WireNames.SENSORS.read(in, buffer);
            Quantity quantity = WireNames.readQuantity(in, buffer);
            double value = in.readDouble();
            Instant at = readInstant(in);
            long seq = in.readLong();
            String threshold = in.readUTF();
            evidence.add(
                    new Evidence(sensor, quantity, value, at, seq, threshold, in.readDouble()));
        }
        return new AlertEvent(
                alertId,
                revision,
                site,
                hazard,
                ruleId,
                ruleVersion,
                episodeStart,
                level,
                state,
                time,
                emittedAt,
                evidence,
                in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<AlertEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
