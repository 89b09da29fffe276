package vn.canhbao.hazards.rules;

/**
 * A rule table that cannot be used: missing, malformed or inconsistent. Fatal: loading the same
 * table again fails the same way. The message names the table, the field and the bad value.
 */
public final class RuleTableException extends RuntimeException {
    public RuleTableException(String message) {
        super(message);
    }

    public RuleTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
