package vn.canhbao.edge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;

/**
 * Deterministic telemetry for the journal tests: pack {@code k} holds the readings with sequence
 * numbers {@code k*perPack .. k*perPack+perPack-1}, reading {@code seq} from sensor {@code s-(seq %
 * sensors)}, so a restarted producer can regenerate any pack from its index.
 */
final class JournalPacks {
    private JournalPacks() {}

    static String sensor(long seq, int sensors) {
        return String.format("s-%03d", seq % sensors);
    }

    static byte[] pack(GatewayId gw, long index, int perPack, int sensors) {
        List<Reading> rs = new ArrayList<>(perPack);
        Instant now = Instant.now();
        for (int i = 0; i < perPack; i++) {
            long seq = index * perPack + i;
            rs.add(
                    new Reading(
                            gw,
                            SensorId.of(sensor(seq, sensors)),
                            Quantity.WATER_LEVEL,
                            1.0 + (seq % 1000) / 1000.0,
                            now,
                            seq));
        }
        return new SenmlCodec().encode(new ReadingBatch(gw, rs));
    }

    /**
     * An alert event as the agent journals it ({@code Priority.ALERT}, published on the events
     * topic), marked with {@code tag}.
     */
    static byte[] alertEvent(GatewayId gw, String tag) {
        return ("{\"alertId\":\""
                        + tag
                        + "\",\"gateway\":\""
                        + gw.value()
                        + "\",\"hazard\":\"flood\",\"level\":2,\"localSensorAlert\":true}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
