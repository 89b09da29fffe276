package vn.canhbao.ingest.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.ingest.IngestMetrics;
import vn.canhbao.ingest.coap.DirectIngest;

/**
 * Fuzzes the HTTP batch parser with untrusted upload bodies, in both formats: it splits into packs
 * no larger than the body or refuses the body naming {@code body} (no other exception), and an
 * upload always gets a report with a status the API documents and one result per pack. The
 * committed corpus in {@code src/test/resources/.../BatchParserFuzzTestInputs} replays on every
 * build; run with {@code JAZZER_FUZZ=1} to fuzz for real.
 */
class BatchParserFuzzTest {
    private static final GatewayId GW = GatewayId.of("gw-fuzz");
    private final BatchParser parser = new BatchParser(50);
    private final BatchUpload upload =
            new BatchUpload(
                    new DirectIngest(
                            512,
                            w -> CompletableFuture.completedFuture(null),
                            new IngestMetrics(),
                            Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC)),
                    50,
                    Duration.ofSeconds(1));

    @FuzzTest(maxDuration = "30s")
    void ndjsonBodyIsSplitOrRefused(byte[] body) {
        check(body, BatchParser.Format.NDJSON);
    }

    @FuzzTest(maxDuration = "30s")
    void jsonArrayBodyIsSplitOrRefused(byte[] body) {
        check(body, BatchParser.Format.JSON_ARRAY);
    }

    private void check(byte[] body, BatchParser.Format format) {
        int packs = -1;
        try {
            List<byte[]> split = parser.split(body, format);
            packs = split.size();
            for (byte[] p : split) {
                if (p.length == 0 || p.length > body.length) {
                    throw new AssertionError("pack of " + p.length + " bytes from " + body.length);
                }
            }
        } catch (ContractViolation v) {
            if (!v.field().equals("body")) {
                throw new AssertionError("the parser must refuse the body: " + v.getMessage());
            }
        }
        BatchUpload.Report report = upload.upload(GW, body, format);
        if (!Set.of(200, 207, 400, 413).contains(report.status())) {
            throw new AssertionError("unexpected status " + report.status());
        }
        int expected = Math.max(packs, 0);
        if (report.body().results().size() != expected || report.body().failed() != 0) {
            throw new AssertionError("report " + report.body() + " for " + packs + " packs");
        }
    }
}
