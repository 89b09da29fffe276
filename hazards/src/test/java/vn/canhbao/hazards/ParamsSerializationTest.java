package vn.canhbao.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import vn.canhbao.hazards.alert.LifecycleParams;
import vn.canhbao.hazards.flood.RateOfRiseParams;
import vn.canhbao.hazards.landslide.LandslideParams;
import vn.canhbao.hazards.rain.RainParams;

/** Rule params travel inside Flink functions, so they must survive Java serialization. */
class ParamsSerializationTest {
    private static Object roundTrip(Serializable value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void rateOfRiseParamsRoundTripWithAndWithoutAnAbsoluteFloor() throws Exception {
        RateOfRiseParams defaults = RateOfRiseParams.defaults();
        RateOfRiseParams withFloor =
                new RateOfRiseParams(
                        Duration.ofMinutes(20),
                        5,
                        List.of(0.4, 0.8),
                        0.1,
                        0.5,
                        OptionalDouble.of(1.25),
                        new LifecycleParams(1, 2, Duration.ofMinutes(5), Duration.ZERO));

        assertThat(roundTrip(defaults)).isEqualTo(defaults);
        assertThat(roundTrip(withFloor)).isEqualTo(withFloor);
        assertThat(((RateOfRiseParams) roundTrip(withFloor)).floorMetres())
                .isEqualTo(OptionalDouble.of(1.25));
    }

    @Test
    void landslideAndRainParamsRoundTrip() throws Exception {
        assertThat(roundTrip(LandslideParams.defaults())).isEqualTo(LandslideParams.defaults());
        assertThat(roundTrip(RainParams.defaults())).isEqualTo(RainParams.defaults());
    }
}
