package vn.canhbao.contracts;

import java.util.Objects;

/**
 * Thrown when input does not satisfy a wire contract. The message always names the offending field
 * (a JSON-pointer-like path such as {@code readings[3].v}) and the rejected value, so a dead-letter
 * record or an HTTP 400 tells the sender exactly what to fix.
 *
 * <p>This is a permanent (non-retriable) error: sending the same bytes again fails the same way.
 */
public final class ContractViolation extends RuntimeException {
    private static final int MAX_VALUE_CHARS = 80;

    private final String field;
    private final String value;
    private final String reason;

    public ContractViolation(String field, Object value, String reason) {
        super(field + ": " + reason + " (got " + render(value) + ")");
        this.field = Objects.requireNonNull(field, "field");
        this.value = render(value);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Path of the offending field, e.g. {@code readings[3].u}. */
    public String field() {
        return field;
    }

    /** The rejected value, rendered and truncated for logs and dead-letter headers. */
    public String value() {
        return value;
    }

    /** What the contract expected, without the field and value. */
    public String reason() {
        return reason;
    }

    private static String render(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }
}
