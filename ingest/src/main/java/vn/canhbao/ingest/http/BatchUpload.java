package vn.canhbao.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.ingest.coap.DirectIngest;

/**
 * One backfill upload of an authenticated gateway: split into packs ({@link BatchParser}), each
 * pack validated and written like an MQTT message ({@link DirectIngest}), in body order, and a
 * report per pack once Kafka acknowledged them all. Thread-safe.
 *
 * <p>Status: 200 when every pack was accepted, 207 when some were rejected (each rejected pack is
 * on {@code cb.telemetry.dlq.v1} with its reason), 503 when any Kafka write failed (the report says
 * which packs are written; the gateway sends the others, or everything, again: consumers
 * deduplicate by (gateway, seq)), 400 or 413 when the body as a whole is refused (nothing written).
 */
public final class BatchUpload {
    static final String SOURCE = "http:/v1/telemetry/batch";

    private final DirectIngest ingest;
    private final BatchParser parser;
    private final long waitMillis;

    public BatchUpload(DirectIngest ingest, int maxPacks, java.time.Duration kafkaDeliveryTimeout) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.parser = new BatchParser(maxPacks);
        this.waitMillis = kafkaDeliveryTimeout.toMillis() + 10_000;
    }

    /** The answer to one upload. */
    public record Report(int status, Summary body) {}

    /** The JSON body of the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String gateway,
            int packs,
            int accepted,
            int rejected,
            int failed,
            long readings,
            long duplicates,
            String error,
            List<PackResult> results) {}

    /**
     * @param status {@code accepted}, {@code rejected} (dead-lettered, do not send again) or {@code
     *     failed} (not written, send again)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PackResult(
            int index,
            String status,
            Integer readings,
            String field,
            String value,
            String reason) {}

    /**
     * Blocks until Kafka acknowledged or failed every pack (at most the delivery timeout + 10 s).
     */
    public Report upload(GatewayId gateway, byte[] body, BatchParser.Format format) {
        List<byte[]> packs;
        try {
            packs = parser.split(body, format);
        } catch (ContractViolation v) {
            int status = v.reason().startsWith("more than the limit") ? 413 : 400;
            return new Report(
                    status,
                    new Summary(gateway.value(), 0, 0, 0, 0, 0, 0, v.getMessage(), List.of()));
        }
        List<CompletableFuture<DirectIngest.Result>> futures = new ArrayList<>(packs.size());
        for (byte[] pack : packs) {
            futures.add(
                    ingest.submit(
                            gateway,
                            SOURCE,
                            "application/senml+json",
                            pack,
                            UnaryOperator.identity()));
        }
        long deadline = System.currentTimeMillis() + waitMillis;
        List<PackResult> results = new ArrayList<>(packs.size());
        int accepted = 0;
        int rejected = 0;
        int failed = 0;
        long readings = 0;
        long duplicates = 0;
        for (int i = 0; i < futures.size(); i++) {
            DirectIngest.Result r;
            try {
                r =
                        futures.get(i)
                                .get(
                                        Math.max(0, deadline - System.currentTimeMillis()),
                                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                results.add(
                        new PackResult(
                                i, "failed", null, null, null, "kafka: " + cause.getMessage()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed++;
                results.add(new PackResult(i, "failed", null, null, null, "interrupted"));
                continue;
            }
            if (r instanceof DirectIngest.Result.Accepted a) {
                accepted++;
                readings += a.readings();
                duplicates += a.readings() - a.written();
                results.add(new PackResult(i, "accepted", a.readings(), null, null, null));
            } else if (r instanceof DirectIngest.Result.Rejected rej) {
                rejected++;
                ContractViolation v = rej.violation();
                results.add(new PackResult(i, "rejected", null, v.field(), v.value(), v.reason()));
            }
        }
        int status = failed > 0 ? 503 : rejected > 0 ? 207 : 200;
        return new Report(
                status,
                new Summary(
                        gateway.value(),
                        packs.size(),
                        accepted,
                        rejected,
                        failed,
                        readings,
                        duplicates,
                        null,
                        results));
    }
}
