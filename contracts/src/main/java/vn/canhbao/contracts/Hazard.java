package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The hazard an alert is about, with its Vietnamese name as used in bulletins. */
public enum Hazard {
    FLOOD("flood", "lũ, ngập lụt", "flood"),
    FLASH_FLOOD("flash_flood", "lũ quét", "flash flood"),
    LANDSLIDE("landslide", "sạt lở đất", "landslide"),
    HEAVY_RAIN("heavy_rain", "mưa lớn", "heavy rain"),
    STRONG_WIND("strong_wind", "gió mạnh", "strong wind"),
    DEVICE_SILENT("device_silent", "mất tín hiệu thiết bị", "device silent");

    private final String wireName;
    private final String nameVi;
    private final String nameEn;

    Hazard(String wireName, String nameVi, String nameEn) {
        this.wireName = wireName;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    @JsonCreator
    public static Hazard fromWire(String wireName) {
        for (Hazard h : values()) {
            if (h.wireName.equals(wireName)) {
                return h;
            }
        }
        throw new ContractViolation("hazard", wireName, "unknown hazard");
    }
}
