package vn.canhbao.registry.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import vn.canhbao.registry.RealInfrastructure;
import vn.canhbao.registry.security.AuthOnProfile;

/**
 * Load driver for the issue-5 benchmarks, not a test of the build (its name matches neither {@code
 * *Test} nor {@code *IT}): run it on purpose with
 *
 * <pre>
 * ./mvnw -B -o -pl device-registry -am verify -Dit.test=RegistryLoadDriver -Dtest=NONE \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It prints the figures ({@code BENCH ...} lines). The registry runs with authentication on (HTTP
 * Basic, every request authenticated) against a real PostgreSQL.
 *
 * <ol>
 *   <li>Bulk import: 10 sites, 100 gateways, then one CSV of 10,000 sensors, applied in one
 *       transaction; the wall time of the request.
 *   <li>Reads: {@code GET /api/v1/sensors/{id}} at a fixed rate of 500 requests/s (open loop: the
 *       latency counts from the intended send time, so a stall is not hidden), 10 s warm-up then 30
 *       s measured, after a 5 s ramp-up; p50, p99, max, and the JVM's garbage collections.
 * </ol>
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@WithTestResource(RealInfrastructure.class)
class RegistryLoadDriver {
    private static final int SITES = 10;
    private static final int GATEWAYS_PER_SITE = 10;
    private static final int SENSORS = 10_000;
    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int WARMUP_S = Integer.getInteger("bench.warmup", 10);
    private static final int MEASURE_S = Integer.getInteger("bench.seconds", 30);

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification admin() {
        return given().auth()
                .preemptive()
                .basic("admin", AuthOnProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON);
    }

    @Test
    void importTenThousandSensorsThenReadOneAt500PerSecond() throws URISyntaxException {
        for (int s = 0; s < SITES; s++) {
            admin().body(
                            """
                            {"id":"bench-%d","name":"Bench %d","commune":"Xã Tả Van","province":"Lào Cai","lat":22.3,"lon":103.9}"""
                                    .formatted(s, s))
                    .post("/api/v1/sites")
                    .then()
                    .statusCode(201);
            for (int g = 0; g < GATEWAYS_PER_SITE; g++) {
                admin().body(
                                "{\"id\":\"gw-bench-%d-%d\",\"siteId\":\"bench-%d\"}"
                                        .formatted(s, g, s))
                        .post("/api/v1/gateways")
                        .then()
                        .statusCode(201);
            }
        }
        StringBuilder csv =
                new StringBuilder("id,gateway_id,quantity,expected_interval_seconds,kind\n");
        for (int i = 0; i < SENSORS; i++) {
            int gw = i % (SITES * GATEWAYS_PER_SITE);
            csv.append("s-bench-")
                    .append(i)
                    .append(",gw-bench-")
                    .append(gw / GATEWAYS_PER_SITE)
                    .append('-')
                    .append(gw % GATEWAYS_PER_SITE)
                    .append(i % 2 == 0 ? ",water_level,60,radar\n" : ",rain,60,tipping-bucket\n");
        }
        long t0 = System.nanoTime();
        admin().contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/import/sensors")
                .then()
                .statusCode(200);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "BENCH import: %d sensors (%d bytes CSV) applied in %.2f s%n",
                SENSORS, csv.length(), importSeconds);

        String auth =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        ("admin:" + AuthOnProfile.ADMIN_PASSWORD)
                                                .getBytes(StandardCharsets.UTF_8));
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        System.out.printf(
                "BENCH jvm: %d cpus, max heap %d MB, args %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        rampUp(client, auth);
        run(client, auth, WARMUP_S, "warm-up");
        List<Long> latencies = run(client, auth, MEASURE_S, "measured");
        assertThat(latencies).isNotEmpty();
    }

    /**
     * Raises the rate linearly from 1/10 to the full rate over {@code bench.ramp} seconds, so that
     * the cold JIT does not meet the full rate at once (a storm of new connections and timeouts in
     * the first second of the warm-up that says nothing about the steady state). Not measured.
     */
    private void rampUp(HttpClient client, String auth) throws URISyntaxException {
        int seconds = Integer.getInteger("bench.ramp", 5);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        long next = start;
        int i = 0;
        while (next - start < seconds * 1_000_000_000L) {
            double fraction = 0.1 + 0.9 * (next - start) / (seconds * 1e9);
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(
                    client.sendAsync(request(auth, i++), HttpResponse.BodyHandlers.discarding()));
            next += (long) (1e9 / (RATE * fraction));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
        System.out.printf("BENCH ramp-up: %d requests over %d s%n", i, seconds);
    }

    private HttpRequest request(String auth, int i) throws URISyntaxException {
        String id = "s-bench-" + (i * 7919 % SENSORS);
        return HttpRequest.newBuilder(base.toURI().resolve("/api/v1/sensors/" + id))
                .header("Authorization", auth)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    /** Collections and their total time (ms) of every collector of this JVM so far. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private List<Long> run(HttpClient client, String auth, int seconds, String phase)
            throws URISyntaxException {
        long[] gcBefore = gc();
        int total = RATE * seconds;
        long periodNanos = 1_000_000_000L / RATE;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = request(auth, i);
            inFlight.add(
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                            .whenComplete(
                                    (r, e) -> {
                                        if (e != null || r.statusCode() != 200) {
                                            errors.incrementAndGet();
                                        } else {
                                            latencies.add(System.nanoTime() - intended);
                                        }
                                    }));
        }
        double actual = total / ((System.nanoTime() - start) / 1e9);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (!sorted.isEmpty()) {
            System.out.printf(
                    "BENCH read %s: %d requests at %d/s (offered %.0f/s), errors %d, "
                            + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    phase,
                    total,
                    RATE,
                    actual,
                    errors.get(),
                    pct(sorted, 0.50),
                    pct(sorted, 0.99),
                    pct(sorted, 0.999),
                    sorted.get(sorted.size() - 1) / 1e6);
        }
        long[] gcAfter = gc();
        // The driver and the registry share this JVM: its collections pause both.
        System.out.printf(
                "BENCH gc %s: %d collections, %d ms in total (%s)%n",
                phase,
                gcAfter[0] - gcBefore[0],
                gcAfter[1] - gcBefore[1],
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .toList());
        return sorted;
    }

    private static double pct(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
