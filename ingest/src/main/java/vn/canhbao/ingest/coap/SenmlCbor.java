package vn.canhbao.ingest.coap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.util.Iterator;
import java.util.Map;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.Json;
import vn.canhbao.contracts.SenmlCborLabels;

/**
 * Translates a SenML CBOR pack (RFC 8428 section 6, content format 112) into the equivalent SenML
 * JSON pack, so that contracts' strict {@code SenmlCodec} validates both representations with the
 * same rules and the same field names in its errors.
 *
 * <p>CBOR integer labels become their JSON names ({@code bver=-1, bn=-2, bt=-3, bu=-4, bv=-5,
 * bs=-6, n=0, u=1, v=2, vs=3, vb=4, s=5, t=6, ut=7, vd=8}); text labels, such as the platform's
 * extension {@code seq_}, are kept. An unknown integer label, a label given twice, a payload over
 * the limit, or bytes that are not one CBOR array are refused with a {@link ContractViolation}.
 * Thread-safe.
 */
public final class SenmlCbor {
    private static final ObjectMapper CBOR =
            CBORMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectMapper JSON = Json.mapper();

    private final int maxPayloadBytes;

    public SenmlCbor(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxPayloadBytes must be positive, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * @return the SenML JSON pack, UTF-8
     * @throws ContractViolation naming the field ({@code payload}, or {@code [i].label}) at fault
     */
    public byte[] toJson(byte[] cbor) {
        if (cbor.length > maxPayloadBytes) {
            throw new ContractViolation(
                    "payload",
                    cbor.length + " bytes",
                    "larger than the limit of " + maxPayloadBytes + " bytes");
        }
        JsonNode root;
        try {
            root = CBOR.readTree(cbor);
        } catch (JacksonException e) {
            throw new ContractViolation(
                    "payload", cbor.length + " bytes", "not valid CBOR: " + firstLine(e));
        } catch (java.io.IOException e) {
            throw new ContractViolation(
                    "payload", cbor.length + " bytes", "not valid CBOR: " + firstLine(e));
        }
        if (root == null || !root.isArray()) {
            throw new ContractViolation(
                    "payload",
                    root == null ? "nothing" : root.getNodeType().toString(),
                    "expected a SenML pack (a CBOR array)");
        }
        ArrayNode pack = JSON.createArrayNode();
        for (int i = 0; i < root.size(); i++) {
            JsonNode rec = root.get(i);
            if (!rec.isObject()) {
                pack.add(rec); // SenmlCodec names "[i]" and says it must be a record
                continue;
            }
            ObjectNode out = pack.addObject();
            Iterator<Map.Entry<String, JsonNode>> fields = rec.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = label(f.getKey(), i);
                if (out.has(name)) {
                    throw new ContractViolation(
                            "[" + i + "]." + name, f.getKey(), "label given more than once");
                }
                out.set(name, f.getValue());
            }
        }
        try {
            return JSON.writeValueAsBytes(pack);
        } catch (JacksonException e) {
            throw new ContractViolation(
                    "payload", cbor.length + " bytes", "cannot be represented: " + firstLine(e));
        }
    }

    private static String label(String key, int index) {
        String mapped = SenmlCborLabels.jsonName(key).orElse(null);
        if (mapped != null) {
            return mapped;
        }
        if (key.matches("-?\\d+")) {
            throw new ContractViolation(
                    "[" + index + "]." + key, key, "unknown SenML CBOR label (RFC 8428 table 4)");
        }
        return key;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
