package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an alert episode stands: raised once, updated on level changes, cleared once. */
public enum AlertState {
    RAISED("raised"),
    UPDATED("updated"),
    CLEARED("cleared");

    private final String wireName;

    AlertState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static AlertState fromWire(String wireName) {
        for (AlertState s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new ContractViolation("state", wireName, "expected raised, updated or cleared");
    }
}
