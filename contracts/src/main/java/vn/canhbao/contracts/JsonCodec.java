package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Strict JSON codec for one contract record type. Decoding errors become {@link ContractViolation}s
 * that name the JSON path of the bad field; validation errors raised by the record's own
 * constructor keep their field name. Thread-safe.
 *
 * @param <T> the record type
 */
public final class JsonCodec<T> {
    private final Class<T> type;
    private final ObjectMapper mapper = Json.mapper();

    public JsonCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public String encodeToString(T value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * @throws ContractViolation naming the field and the value at fault
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ContractViolation("payload", null, "expected a JSON " + type.getSimpleName());
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JsonMappingException e) {
            ContractViolation cause = findViolation(e);
            if (cause != null) {
                throw cause;
            }
            throw new ContractViolation(path(e), Json.excerpt(bytes), Json.firstLine(e));
        } catch (IOException e) {
            throw new ContractViolation(
                    "payload", Json.excerpt(bytes), "not valid JSON: " + Json.firstLine(e));
        }
    }

    private static ContractViolation findViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolation cv) {
                return cv;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "payload" : sb.toString();
    }
}
