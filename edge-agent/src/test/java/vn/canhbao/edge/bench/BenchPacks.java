package vn.canhbao.edge.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;

/** SenML packs as the agent writes them: pack k holds seqs k*n .. k*n+n-1. */
final class BenchPacks {
    private BenchPacks() {}

    static byte[] pack(GatewayId gw, long index, int perPack, int sensors) {
        List<Reading> rs = new ArrayList<>(perPack);
        Instant t = Instant.parse("2026-07-01T00:00:00Z").plusSeconds(index);
        for (int i = 0; i < perPack; i++) {
            long seq = index * perPack + i;
            rs.add(
                    new Reading(
                            gw,
                            SensorId.of(String.format("s-%03d", seq % sensors)),
                            Quantity.WATER_LEVEL,
                            1.0 + (seq % 1000) / 1000.0,
                            t,
                            seq));
        }
        return new SenmlCodec().encode(new ReadingBatch(gw, rs));
    }
}
