package vn.canhbao.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.Quantity;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.contracts.SensorId;

/** The edge agent's gzip-compressed packs (user property content-encoding: gzip, magic 1f 8b). */
class GzipTelemetryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T01:30:00Z");
    private static final GatewayId GW = GatewayId.of("gw-nam-cang");
    private static final String TOPIC = MqttTopics.telemetry(GW);

    private final TelemetryHandler handler =
            new TelemetryHandler(4096, Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] pack(int readings) {
        List<Reading> rs = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            rs.add(
                    new Reading(
                            GW,
                            SensorId.of("wl-nam-cang"),
                            Quantity.WATER_LEVEL,
                            1.0 + i / 100.0,
                            NOW.minusSeconds(600 - i),
                            100 + i));
        }
        return new SenmlCodec().encode(new ReadingBatch(GW, rs));
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void aGzipPackIsAcceptedLikeThePlainOne() throws IOException {
        byte[] plain = pack(10);
        byte[] compressed = gzip(plain);
        assertThat(compressed.length).isLessThan(plain.length);

        Outcome fromPlain = handler.handle(TOPIC, plain);
        Outcome fromGzip = handler.handle(TOPIC, compressed);

        assertThat(fromGzip).isInstanceOf(Outcome.Accepted.class);
        assertThat(((Outcome.Accepted) fromGzip).readings())
                .hasSize(10)
                .extracting(ReadingWrite::reading)
                .isEqualTo(
                        ((Outcome.Accepted) fromPlain)
                                .readings().stream().map(ReadingWrite::reading).toList());
    }

    @Test
    void aCutGzipPackIsDeadLetteredNamingThePayload() throws IOException {
        byte[] compressed = gzip(pack(10));
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);

        Outcome o = handler.handle(TOPIC, cut);

        assertThat(o).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) o).violation().getMessage())
                .startsWith("payload:")
                .contains("gzip");
    }

    @Test
    void aGzipBombIsStoppedAtTheSizeLimit() throws IOException {
        byte[] bomb = gzip(new byte[1_000_000]);
        assertThat(bomb.length).isLessThan(4096);

        Outcome o = handler.handle(TOPIC, bomb);

        assertThat(o).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) o).violation().getMessage())
                .contains("inflates to more than 4096 bytes");
    }
}
