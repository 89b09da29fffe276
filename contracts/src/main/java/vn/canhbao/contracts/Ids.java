package vn.canhbao.contracts;

import java.util.regex.Pattern;

/** Validation shared by the typed identifiers. Ids appear in MQTT topics and Kafka keys. */
final class Ids {
    /** Lower-case letters, digits and dashes: safe in MQTT topic levels, URLs and file names. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Ids() {}

    static String check(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ContractViolation(
                    field,
                    value,
                    "expected 1-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        return value;
    }
}
