package vn.canhbao.edge.adapter.senml;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: writes SenML CBOR packs with RFC 8428 integer labels. */
public final class SenmlCbor {
    private SenmlCbor() {}

    /** Each record maps integer labels (e.g. -2 bn, 0 n, 1 u, 2 v, 6 t) to String or Number. */
    public static byte[] pack(List<Map<Integer, Object>> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Map<Integer, Object> r : records) {
                g.writeStartObject();
                for (Map.Entry<Integer, Object> e : r.entrySet()) {
                    g.writeFieldId(e.getKey());
                    Object v = e.getValue();
                    if (v instanceof String s) {
                        g.writeString(s);
                    } else if (v instanceof Double d) {
                        g.writeNumber(d);
                    } else if (v instanceof Float f) {
                        g.writeNumber(f);
                    } else if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else if (v instanceof Integer i) {
                        g.writeNumber(i);
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else {
                        throw new IllegalArgumentException("unsupported " + v);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<Integer, Object> rec(Object... kv) {
        Map<Integer, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Integer) kv[i], kv[i + 1]);
        }
        return m;
    }
}
