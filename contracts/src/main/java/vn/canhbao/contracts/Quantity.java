package vn.canhbao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a sensor measures, with the SenML unit (RFC 8428 section 12.1) it must be sent in and the
 * physical range outside which a value is rejected as impossible (not merely suspect: the
 * quality-control stage in {@code hazards} judges plausibility within this range).
 */
public enum Quantity {
    /** River or stream stage above the gauge datum, metres. */
    WATER_LEVEL("water_level", "m", -50, 500),
    /** Rain fallen since the previous reading of the same gauge, millimetres. */
    RAIN("rain", "mm", 0, 500),
    /** Volumetric water content of soil, percent. */
    SOIL_MOISTURE("soil_moisture", "%", 0, 100),
    /** Inclination change, degrees. */
    TILT("tilt", "deg", -90, 90),
    /** Extensometer or crack-meter displacement, millimetres. */
    DISPLACEMENT("displacement", "mm", -10_000, 10_000),
    /** Wind speed, metres per second. */
    WIND_SPEED("wind_speed", "m/s", 0, 120),
    /** Air temperature, degrees Celsius. */
    TEMPERATURE("temperature", "Cel", -40, 70),
    /** Relative humidity, percent. */
    HUMIDITY("humidity", "%RH", 0, 100),
    /** Supply voltage of the sensor node, volts. */
    BATTERY("battery", "V", 0, 60);

    /** {@link #values()} clones its array on every call; lookups run for every decoded reading. */
    private static final Quantity[] VALUES = values();

    private final String wireName;
    private final String unit;
    private final double min;
    private final double max;

    Quantity(String wireName, String unit, double min, double max) {
        this.wireName = wireName;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The SenML unit symbol readings of this quantity must carry. */
    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean inPhysicalRange(double value) {
        return value >= min && value <= max;
    }

    @JsonCreator
    public static Quantity fromWire(String wireName) {
        return parse(wireName, "quantity");
    }

    /**
     * @throws ContractViolation naming {@code field} when {@code wireName} is not a known quantity
     */
    public static Quantity parse(String wireName, String field) {
        for (Quantity q : VALUES) {
            if (q.wireName.equals(wireName)) {
                return q;
            }
        }
        throw new ContractViolation(
                field, wireName, "unknown quantity, expected one of " + names());
    }

    /**
     * The quantity whose wire name is {@code s.substring(from, to)}, without the substring.
     *
     * @return {@code null} when no quantity has that wire name
     */
    static Quantity byWireName(String s, int from, int to) {
        int length = to - from;
        for (Quantity q : VALUES) {
            if (q.wireName.length() == length && s.regionMatches(from, q.wireName, 0, length)) {
                return q;
            }
        }
        return null;
    }

    private static String names() {
        return String.join(", ", Arrays.stream(values()).map(Quantity::wireName).toList());
    }
}
