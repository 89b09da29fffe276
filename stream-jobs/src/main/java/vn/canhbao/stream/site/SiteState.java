package vn.canhbao.stream.site;

import java.util.Map;
import vn.canhbao.hazards.alert.LifecycleState;
import vn.canhbao.hazards.landslide.MovementState;
import vn.canhbao.hazards.rain.RainState;

/**
 * What the per-site operator keeps for one site (keyed state). Immutable; Jackson-serializable with
 * the shared mapper (its parts are hazards states that are).
 *
 * @param rain rain gauge id → rolling rain (72 h bins, 16 local days)
 * @param soil soil-moisture sensor id → newest value
 * @param extensometers extensometer id → displacement series
 * @param tiltmeters tiltmeter id → tilt series
 * @param landslide the combined landslide rule's lifecycle
 * @param heavyRain the heavy-rain table's lifecycle
 * @param art46 the Article 46 table's lifecycle
 * @param lastTime newest evaluated event time (epoch millis), {@code Long.MIN_VALUE} for none
 */
public record SiteState(
        Map<String, RainState> rain,
        Map<String, Soil> soil,
        Map<String, MovementState> extensometers,
        Map<String, MovementState> tiltmeters,
        LifecycleState landslide,
        LifecycleState heavyRain,
        LifecycleState art46,
        long lastTime) {
    public static final SiteState EMPTY =
            new SiteState(
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    LifecycleState.EMPTY,
                    LifecycleState.EMPTY,
                    LifecycleState.EMPTY,
                    Long.MIN_VALUE);

    public SiteState {
        rain = Map.copyOf(rain);
        soil = Map.copyOf(soil);
        extensometers = Map.copyOf(extensometers);
        tiltmeters = Map.copyOf(tiltmeters);
    }

    /** A soil-moisture value and its time (epoch millis). */
    public record Soil(double percent, long time) {}

    /** Whether the site has a landslide instrument (soil moisture, extensometer, tiltmeter). */
    public boolean watchesSlope() {
        return !soil.isEmpty() || !extensometers.isEmpty() || !tiltmeters.isEmpty();
    }
}
