package vn.canhbao.contracts;

import java.util.regex.Pattern;

/** Validation shared by the typed identifiers. Ids appear in MQTT topics and Kafka keys. */
final class Ids {
    /** Lower-case letters, digits and dashes: safe in MQTT topic levels, URLs and file names. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Ids() {}

    /** Same as {@link #ID}, without a regex: ids are checked on every reading ingest decodes. */
    static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > 63) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String check(String value, String field) {
        if (!valid(value)) {
            throw new ContractViolation(
                    field,
                    value,
                    "expected 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        return value;
    }
}
