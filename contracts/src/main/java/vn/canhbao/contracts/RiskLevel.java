package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Vietnam's disaster-risk levels (cấp độ rủi ro thiên tai 1–5, Decision 18/2021/QĐ-TTg Article 4,
 * colours from Annex XII), with the CAP 1.2 severity canhbao maps each to (a design choice, see
 * shared/reference/DOMAIN-HAZARDS.md section 4.4).
 */
public enum RiskLevel {
    LEVEL_1(1, "xanh dương nhạt", "light blue", "#9fd3f5", "rủi ro thấp", "Minor"),
    LEVEL_2(2, "vàng nhạt", "light yellow", "#fff3a0", "rủi ro trung bình", "Moderate"),
    LEVEL_3(3, "da cam", "orange", "#ff9a1f", "rủi ro lớn", "Severe"),
    LEVEL_4(4, "đỏ", "red", "#e3262b", "rủi ro rất lớn", "Extreme"),
    LEVEL_5(5, "tím", "purple", "#8e2ca8", "thảm họa", "Extreme");

    private final int number;
    private final String colourVi;
    private final String colourEn;
    private final String colourHex;
    private final String meaningVi;
    private final String capSeverity;

    RiskLevel(
            int number,
            String colourVi,
            String colourEn,
            String colourHex,
            String meaningVi,
            String capSeverity) {
        this.number = number;
        this.colourVi = colourVi;
        this.colourEn = colourEn;
        this.colourHex = colourHex;
        this.meaningVi = meaningVi;
        this.capSeverity = capSeverity;
    }

    @JsonValue
    public int number() {
        return number;
    }

    public String colourVi() {
        return colourVi;
    }

    public String colourEn() {
        return colourEn;
    }

    public String colourHex() {
        return colourHex;
    }

    public String meaningVi() {
        return meaningVi;
    }

    /** CAP 1.2 {@code <severity>}: Minor, Moderate, Severe or Extreme. */
    public String capSeverity() {
        return capSeverity;
    }

    @JsonCreator
    public static RiskLevel of(int number) {
        if (number < 1 || number > 5) {
            throw new ContractViolation("level", number, "expected a risk level from 1 to 5");
        }
        return values()[number - 1];
    }
}
