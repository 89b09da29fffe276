package vn.canhbao.hazards.vn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The 24-hour rain bands of Decision 18/2021/QĐ-TTg: 100–200, over 200–400, over 400 mm. */
public enum RainBand {
    R100_200("100-200"),
    R200_400("200-400"),
    R400_PLUS("400+");

    private final String wire;

    RainBand(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The band of a 24-hour total; empty below 100 mm. */
    public static Optional<RainBand> of(double mm24h) {
        if (mm24h > 400) {
            return Optional.of(R400_PLUS);
        }
        if (mm24h > 200) {
            return Optional.of(R200_400);
        }
        return mm24h >= 100 ? Optional.of(R100_200) : Optional.empty();
    }

    /** The lowest total in the band, mm. */
    public double lowerMm() {
        return switch (this) {
            case R100_200 -> 100;
            case R200_400 -> 200;
            case R400_PLUS -> 400;
        };
    }

    @JsonCreator
    public static RainBand fromWire(String wire) {
        for (RainBand b : values()) {
            if (b.wire.equals(wire)) {
                return b;
            }
        }
        throw new IllegalArgumentException(
                "rain24h: expected 100-200, 200-400 or 400+ (got \"" + wire + "\")");
    }
}
