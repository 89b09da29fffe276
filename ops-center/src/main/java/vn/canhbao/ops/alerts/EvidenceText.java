package vn.canhbao.ops.alerts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import vn.canhbao.contracts.Evidence;
import vn.canhbao.contracts.Quantity;

/**
 * Renders one piece of evidence for people, e.g. {@code Mực nước 3.2 m ≥ BĐ II 3.0 m} and {@code
 * Water level 3.2 m ≥ alarm level II 3.0 m}. Pure and thread-safe.
 */
public final class EvidenceText {

    private EvidenceText() {}

    public static String vietnamese(Evidence e) {
        return quantityVi(e.quantity())
                + " "
                + amount(e.value(), e.quantity())
                + " "
                + relation(e)
                + " "
                + thresholdVi(e.threshold())
                + " "
                + amount(e.thresholdValue(), e.quantity());
    }

    public static String english(Evidence e) {
        return quantityEn(e.quantity())
                + " "
                + amount(e.value(), e.quantity())
                + " "
                + relation(e)
                + " "
                + thresholdEn(e.threshold())
                + " "
                + amount(e.thresholdValue(), e.quantity());
    }

    static String relation(Evidence e) {
        return e.value() >= e.thresholdValue() ? "≥" : "<";
    }

    static String amount(double value, Quantity quantity) {
        // A new DecimalFormat per call: DecimalFormat is not thread-safe.
        DecimalFormat f = new DecimalFormat("0.0##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(value) + " " + unitForPeople(quantity);
    }

    static String unitForPeople(Quantity q) {
        return switch (q) {
            case TEMPERATURE -> "°C";
            default -> q.unit();
        };
    }

    /**
     * Vietnamese name of an alarm level: {@code BD2} becomes {@code BĐ II}; unknown names stay as
     * they are.
     */
    public static String thresholdVi(String threshold) {
        return switch (normalise(threshold)) {
            case "BD1" -> "BĐ I";
            case "BD2" -> "BĐ II";
            case "BD3" -> "BĐ III";
            case "HISTORICAL", "HIST" -> "lũ lịch sử";
            default -> threshold;
        };
    }

    public static String thresholdEn(String threshold) {
        return switch (normalise(threshold)) {
            case "BD1" -> "alarm level I";
            case "BD2" -> "alarm level II";
            case "BD3" -> "alarm level III";
            case "HISTORICAL", "HIST" -> "historical flood";
            default -> threshold;
        };
    }

    private static String normalise(String threshold) {
        return threshold.toUpperCase(Locale.ROOT).replace("Đ", "D").replaceAll("[^A-Z0-9]", "");
    }

    static String quantityVi(Quantity q) {
        return switch (q) {
            case WATER_LEVEL -> "Mực nước";
            case RAIN -> "Lượng mưa";
            case SOIL_MOISTURE -> "Độ ẩm đất";
            case TILT -> "Độ nghiêng";
            case DISPLACEMENT -> "Chuyển vị";
            case WIND_SPEED -> "Tốc độ gió";
            case TEMPERATURE -> "Nhiệt độ";
            case HUMIDITY -> "Độ ẩm không khí";
            case BATTERY -> "Điện áp pin";
        };
    }

    static String quantityEn(Quantity q) {
        return switch (q) {
            case WATER_LEVEL -> "Water level";
            case RAIN -> "Rainfall";
            case SOIL_MOISTURE -> "Soil moisture";
            case TILT -> "Tilt";
            case DISPLACEMENT -> "Displacement";
            case WIND_SPEED -> "Wind speed";
            case TEMPERATURE -> "Temperature";
            case HUMIDITY -> "Humidity";
            case BATTERY -> "Battery voltage";
        };
    }
}
