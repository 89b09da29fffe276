package vn.canhbao.ingest.coap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.telemetry.KafkaWrite;

/**
 * Fuzzes the SenML CBOR decoder with untrusted CoAP payloads: whatever the bytes, it yields a JSON
 * pack or a {@link ContractViolation} naming a field (no other exception), and the endpoint's step
 * ends in readings of this gateway or one dead letter within the payload limit. The committed
 * corpus in {@code src/test/resources/.../SenmlCborFuzzTestInputs} replays on every build; run with
 * {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class SenmlCborFuzzTest {
    private static final int MAX_BYTES = 512;
    private static final GatewayId GW = GatewayId.of("gw-fuzz");
    private final SenmlCbor cbor = new SenmlCbor(MAX_BYTES);
    private final SenmlCodec json = new SenmlCodec(MAX_BYTES * 4, SenmlCodec.DEFAULT_MAX_RECORDS);
    private final List<KafkaWrite> written = new CopyOnWriteArrayList<>();
    private final DirectIngest ingest =
            new DirectIngest(
                    MAX_BYTES,
                    w -> {
                        written.add(w);
                        return CompletableFuture.completedFuture(null);
                    },
                    new IngestMetrics(),
                    Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "30s")
    void cborPackIsDecodedOrRefusedNamingAField(byte[] payload) {
        try {
            json.decode(cbor.toJson(payload), GW);
        } catch (ContractViolation v) {
            if (v.field().isEmpty()) {
                throw new AssertionError("a violation must name a field: " + v.getMessage());
            }
        }
        written.clear();
        DirectIngest.Result result =
                ingest.submit(
                                GW,
                                "coaps:/telemetry",
                                "application/senml+cbor",
                                payload,
                                cbor::toJson)
                        .join();
        if (written.isEmpty()) {
            throw new AssertionError("nothing written for " + result);
        }
        for (KafkaWrite w : written) {
            boolean telemetry =
                    w.topic().equals(KafkaTopics.TELEMETRY) && w.key().equals("gw-fuzz");
            boolean deadLetter =
                    w.topic().equals(KafkaTopics.TELEMETRY_DLQ)
                            && w.value().length <= MAX_BYTES
                            && !w.headers().getOrDefault(KafkaTopics.DLQ_FIELD, "").isEmpty()
                            && !w.headers()
                                    .getOrDefault(KafkaTopics.DLQ_REASON, "")
                                    .contains("could not be decoded");
            if (!telemetry && !deadLetter) {
                throw new AssertionError("unexpected write " + w.topic() + " " + w.headers());
            }
        }
    }
}
