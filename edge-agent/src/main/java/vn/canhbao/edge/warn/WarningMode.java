package vn.canhbao.edge.warn;

import java.util.Arrays;
import vn.canhbao.contracts.ContractViolation;

/** When the gateway drives its local output (siren, loudspeaker relay). */
public enum WarningMode {
    /** Only while the uplink is down (the platform warns people otherwise). The default. */
    WHEN_UPLINK_DOWN("when-uplink-down"),
    /** At every qualifying alert, whatever the uplink. */
    ALWAYS("always"),
    /** Never: the gateway does not evaluate hazard rules at all. */
    OFF("off");

    private final String wireName;

    WarningMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * @throws ContractViolation naming {@code field} for an unknown mode
     */
    public static WarningMode parse(String value, String field) {
        return Arrays.stream(values())
                .filter(m -> m.wireName.equals(value))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ContractViolation(
                                        field, value, "expected when-uplink-down, always or off"));
    }
}
