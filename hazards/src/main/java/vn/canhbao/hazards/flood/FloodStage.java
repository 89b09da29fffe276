package vn.canhbao.hazards.flood;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.OptionalDouble;
import vn.canhbao.contracts.FloodThresholds;

/**
 * The flood stages a water level is compared against, lowest first: the alarm levels báo động I,
 * II, III (Decision 05/2020/QĐ-TTg, or set by the province or a local estimate) and the historical
 * flood (lũ lịch sử). Their values come from a site's {@link FloodThresholds}; the risk level each
 * maps to comes from the {@link FloodStageTable}.
 */
public enum FloodStage {
    ALARM_1("BD1"),
    ALARM_2("BD2"),
    ALARM_3("BD3"),
    HISTORICAL("historical");

    private final String wireName;

    FloodStage(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in rule tables and in {@code Evidence.threshold}, e.g. {@code BD2}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * This stage's value at a site, in metres above the gauge datum; empty if the site has none.
     */
    public OptionalDouble threshold(FloodThresholds t) {
        double v = thresholdOrNaN(t);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * As {@link #threshold}, without an {@code OptionalDouble} (the flood rule asks for every stage
     * and reading): NaN if the site has none (thresholds are finite, so NaN means absent).
     */
    public double thresholdOrNaN(FloodThresholds t) {
        return switch (this) {
            case ALARM_1 -> t.alarm1();
            case ALARM_2 -> t.alarm2();
            case ALARM_3 -> t.alarm3();
            case HISTORICAL -> t.historical().orElse(Double.NaN);
        };
    }

    @JsonCreator
    public static FloodStage fromWire(String wireName) {
        for (FloodStage s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "stage: expected BD1, BD2, BD3 or historical (got \"" + wireName + "\")");
    }
}
