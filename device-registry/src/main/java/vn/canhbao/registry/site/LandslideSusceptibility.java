package vn.canhbao.registry.site;

import vn.canhbao.contracts.ContractViolation;

/**
 * Landslide-susceptibility class of a site's slope (cấp độ nguy cơ sạt lở), the four classes of the
 * Vietnamese landslide zoning maps. Wire names are ASCII.
 */
public enum LandslideSusceptibility {
    THAP("thap", "thấp", "low"),
    TRUNG_BINH("trung-binh", "trung bình", "medium"),
    CAO("cao", "cao", "high"),
    RAT_CAO("rat-cao", "rất cao", "very high");

    private final String wireName;
    private final String nameVi;
    private final String nameEn;

    LandslideSusceptibility(String wireName, String nameVi, String nameEn) {
        this.wireName = wireName;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String wireName() {
        return wireName;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /**
     * @throws ContractViolation naming {@code field} when the wire name is unknown
     */
    public static LandslideSusceptibility fromWire(String wireName, String field) {
        for (LandslideSusceptibility s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new ContractViolation(
                field, wireName, "expected one of thap, trung-binh, cao, rat-cao");
    }
}
