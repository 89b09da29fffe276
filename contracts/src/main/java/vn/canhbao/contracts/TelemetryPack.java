package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The value of a {@code cb.telemetry.v1} record: the validated, not yet seen readings of one
 * gateway message, keyed in Kafka by the gateway ({@link #key()}).
 *
 * <p>One record per gateway message instead of one per reading: measured in ingest's load driver,
 * it is what lets ingest keep pace with a bare forwarder (see ingest/README.md, "Benchmarks").
 * Order per sensor holds because every reading of a gateway goes to the gateway's partition, in the
 * order ingest accepted the messages, and within a pack in the gateway's order.
 *
 * @param gateway the gateway that sent the readings
 * @param receivedAt when ingest accepted them (UTC)
 * @param readings at least one; each names a sensor of this gateway
 */
@JsonSerialize(using = TelemetryPack.Writer.class)
public record TelemetryPack(GatewayId gateway, Instant receivedAt, List<PackedReading> readings) {

    public static final JsonCodec<TelemetryPack> CODEC = new JsonCodec<>(TelemetryPack.class);

    /**
     * One reading inside a pack: a {@link TelemetryRecord} without the fields the pack carries
     * once.
     *
     * @param unit the SenML unit, always {@code quantity.unit()}
     */
    public record PackedReading(
            SensorId sensor, Quantity quantity, String unit, double value, Instant time, long seq) {
        public PackedReading {
            Objects.requireNonNull(quantity, "quantity");
            if (!quantity.unit().equals(unit)) {
                throw new ContractViolation(
                        "unit",
                        unit,
                        "unit of " + quantity.wireName() + " must be " + quantity.unit());
            }
        }

        static PackedReading of(Reading r) {
            return new PackedReading(
                    r.sensor(), r.quantity(), r.quantity().unit(), r.value(), r.time(), r.seq());
        }
    }

    public TelemetryPack {
        Objects.requireNonNull(gateway, "gateway");
        if (receivedAt == null) {
            throw new ContractViolation("receivedAt", null, "is required");
        }
        if (readings == null || readings.isEmpty()) {
            throw new ContractViolation(
                    "readings", readings, "a pack carries at least one reading");
        }
        readings = List.copyOf(readings);
        for (PackedReading p : readings) {
            // The same checks as a single reading, so a hand-written record meets the contract.
            Reading.check(gateway, p.sensor(), p.quantity(), p.value(), p.time(), p.seq());
        }
    }

    /** A pack of {@code readings}, all of which must be from {@code gateway}. */
    public static TelemetryPack of(GatewayId gateway, Instant receivedAt, List<Reading> readings) {
        List<PackedReading> packed = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            if (!r.gateway().equals(gateway)) {
                throw new ContractViolation(
                        "gateway", r.gateway().value(), "pack of " + gateway.value());
            }
            packed.add(PackedReading.of(r));
        }
        return new TelemetryPack(gateway, receivedAt, packed);
    }

    /**
     * Writes a pack with the streaming generator: the same JSON the record mapping gives, without
     * reflection, since ingest encodes one pack per message it accepts.
     */
    static final class Writer extends StdSerializer<TelemetryPack> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(TelemetryPack.class);
        }

        @Override
        public void serialize(TelemetryPack pack, JsonGenerator g, SerializerProvider provider)
                throws IOException {
            char[] instant = new char[IsoInstant.MAX_CHARS];
            g.writeStartObject();
            g.writeStringField("gateway", pack.gateway.value());
            writeInstant(g, "receivedAt", pack.receivedAt, instant);
            g.writeArrayFieldStart("readings");
            for (PackedReading r : pack.readings) {
                g.writeStartObject();
                g.writeStringField("sensor", r.sensor().value());
                g.writeStringField("quantity", r.quantity().wireName());
                g.writeStringField("unit", r.unit());
                g.writeNumberField("value", r.value());
                writeInstant(g, "time", r.time(), instant);
                g.writeNumberField("seq", r.seq());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** {@code Instant.toString()}, which formats through a DateTimeFormatter, for each reading. */
    private static void writeInstant(JsonGenerator g, String field, Instant t, char[] buf)
            throws IOException {
        g.writeFieldName(field);
        int length = IsoInstant.write(t, buf);
        if (length < 0) {
            g.writeString(t.toString());
        } else {
            g.writeString(buf, 0, length);
        }
    }

    /** The Kafka key: the gateway, so one gateway's packs stay in order on one partition. */
    public String key() {
        return gateway.value();
    }

    /** The readings as single telemetry records, in the pack's order. */
    public List<TelemetryRecord> records() {
        List<TelemetryRecord> out = new ArrayList<>(readings.size());
        for (PackedReading p : readings) {
            out.add(
                    new TelemetryRecord(
                            gateway,
                            p.sensor(),
                            p.quantity(),
                            p.unit(),
                            p.value(),
                            p.time(),
                            p.seq(),
                            receivedAt));
        }
        return out;
    }
}
