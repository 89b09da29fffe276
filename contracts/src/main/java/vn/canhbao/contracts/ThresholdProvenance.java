package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who set a site's flood alarm levels (DOMAIN-HAZARDS.md section 1.4). */
public enum ThresholdProvenance {
    /** A main hydrological station listed in Decision 05/2020/QĐ-TTg. */
    QD_05_2020("qd-05-2020"),
    /** Set by the provincial People's Committee (UBND tỉnh) for an unlisted location. */
    PROVINCIAL_COMMITTEE("ubnd-tinh"),
    /** A local engineering estimate, pending official levels. */
    LOCAL_ESTIMATE("local-estimate");

    private final String wireName;

    ThresholdProvenance(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ThresholdProvenance fromWire(String wireName) {
        for (ThresholdProvenance p : values()) {
            if (p.wireName.equals(wireName)) {
                return p;
            }
        }
        throw new ContractViolation(
                "provenance", wireName, "expected qd-05-2020, ubnd-tinh or local-estimate");
    }
}
