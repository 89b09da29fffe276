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
    static final String ALERT_SENSOR = "alert-siren";

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

    /** One reading from {@link #ALERT_SENSOR} with {@code seq}. */
    static byte[] alert(GatewayId gw, long seq) {
        return new SenmlCodec()
                .encode(
                        new ReadingBatch(
                                gw,
                                List.of(
                                        new Reading(
                                                gw,
                                                SensorId.of(ALERT_SENSOR),
                                                Quantity.WATER_LEVEL,
                                                4.2,
                                                Instant.now(),
                                                seq))));
    }
}
