package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Encodes and strictly decodes telemetry batches as SenML JSON packs (RFC 8428).
 *
 * <p>Each record's resolved name ({@code bn} + {@code n}) is {@code
 * {gatewayId}/{sensorId}/{quantity}}; {@code u} must be the quantity's unit; {@code v} is the
 * value; the resolved time ({@code bt} + {@code t}, seconds since the epoch) must be absolute; and
 * the must-understand extension label {@code seq_} (RFC 8428 section 4.4, labels ending in '_')
 * carries the gateway's sequence number. Base fields {@code bn, bt, bu, bv, bver} apply to the
 * records that follow them, as the RFC says. String, boolean, data and sum values are refused: the
 * platform only carries numeric measurements. A label may appear only once in a record (JSON
 * parsers disagree on which of two values wins).
 *
 * <p>Thread-safe and stateless.
 */
public final class SenmlCodec {
    /** Default ceiling for one pack; a gateway batches many packs rather than one huge one. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    public static final int DEFAULT_MAX_RECORDS = 5_000;

    private static final ObjectMapper MAPPER = Json.mapper();

    private final int maxPayloadBytes;
    private final int maxRecords;

    public SenmlCodec() {
        this(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_RECORDS);
    }

    public SenmlCodec(int maxPayloadBytes, int maxRecords) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxRecords = maxRecords;
    }

    /**
     * Encodes a batch as a SenML pack with the gateway as base name and the first time as base
     * time.
     */
    public byte[] encode(ReadingBatch batch) {
        ArrayNode pack = MAPPER.createArrayNode();
        long baseMillis =
                batch.readings().isEmpty() ? 0 : batch.readings().get(0).time().toEpochMilli();
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading r = batch.readings().get(i);
            ObjectNode rec = pack.addObject();
            if (i == 0) {
                rec.put("bn", batch.gateway().value() + "/");
                rec.put("bt", seconds(baseMillis));
            }
            rec.put("n", r.sensor().value() + "/" + r.quantity().wireName());
            rec.put("u", r.quantity().unit());
            rec.put("v", r.value());
            long offset = r.time().toEpochMilli() - baseMillis;
            if (offset != 0) {
                rec.put("t", seconds(offset));
            }
            rec.put("seq_", r.seq());
        }
        try {
            return MAPPER.writeValueAsBytes(pack);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SenML encoding cannot fail for a valid batch", e);
        }
    }

    /**
     * Decodes a pack that must come from {@code expectedGateway}.
     *
     * @throws ContractViolation naming the field and value of the first problem found
     */
    public ReadingBatch decode(byte[] payload, GatewayId expectedGateway) {
        if (payload.length > maxPayloadBytes) {
            throw new ContractViolation(
                    "payload",
                    payload.length + " bytes",
                    "larger than the limit of " + maxPayloadBytes + " bytes");
        }
        return new SenmlPackDecoder(maxRecords, expectedGateway).decode(payload);
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }
}
