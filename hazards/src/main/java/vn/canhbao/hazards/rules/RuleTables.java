package vn.canhbao.hazards.rules;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.io.InputStream;
import vn.canhbao.contracts.Json;

/**
 * Loads versioned JSON rule tables with the shared mapper, strictly: a table's own constructor
 * validates it and a failure names the table and the field.
 */
public final class RuleTables {
    private RuleTables() {}

    /**
     * @throws RuleTableException if the resource is missing or not a valid table
     */
    public static <T> T fromClasspath(String resource, Class<T> type) {
        try (InputStream in = RuleTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleTableException(
                        "rule table " + resource + " not found on the classpath");
            }
            return parse(in.readAllBytes(), resource, type);
        } catch (IOException e) {
            throw new RuleTableException("cannot read rule table " + resource, e);
        }
    }

    /**
     * @param origin where the bytes came from, for the error message
     * @throws RuleTableException naming the origin and the field at fault
     */
    public static <T> T parse(byte[] json, String origin, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof RuleTableException rte) {
                    throw new RuleTableException(origin + ": " + rte.getMessage(), e);
                }
                if (t instanceof IllegalArgumentException iae && t != e) {
                    throw new RuleTableException(origin + ": " + iae.getMessage(), e);
                }
            }
            String m =
                    e instanceof JsonMappingException jme
                            ? path(jme) + String.valueOf(jme.getOriginalMessage())
                            : String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            throw new RuleTableException(
                    origin
                            + ": not a valid "
                            + type.getSimpleName()
                            + ": "
                            + (nl < 0 ? m : m.substring(0, nl)),
                    e);
        }
    }

    /** The JSON path of a mapping error, e.g. {@code rows[0]: }, or nothing at the top level. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "" : b + ": ";
    }

    /** Fails with {@code field: expected text} when blank. */
    public static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleTableException(
                    field + ": expected text (got " + (value == null ? "nothing" : "\"\"") + ")");
        }
        return value;
    }
}
