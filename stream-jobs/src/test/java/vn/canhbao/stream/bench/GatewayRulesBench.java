package vn.canhbao.stream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import vn.canhbao.contracts.AlertEvent;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.contracts.TelemetryPack;
import vn.canhbao.contracts.TelemetryRecord;
import vn.canhbao.stream.flood.PendingLimits;
import vn.canhbao.stream.gateway.GatewayRulesFunction;
import vn.canhbao.stream.gateway.GatewayRulesHarness;
import vn.canhbao.stream.health.DeviceHealthParams;
import vn.canhbao.stream.serde.TelemetryPackSerializer;

/**
 * Load driver for the hazard job's busiest operator alone (not a test: run it by hand, see the
 * module README): the gateway rules with device health on Flink's operator harness (heap state),
 * fed the throughput benchmark's packs (a water level cycling through BĐ I and a rain gauge per
 * gateway, {@code --sensors / 2} gateways), each deserialized from its exchange bytes as the job's
 * thread does. No Kafka, no other operator, one thread: what the operator costs per reading,
 * steadier than the whole job's rate on a machine whose speed drifts.
 *
 * <p>Arguments: {@code --sensors=N} (10,000), {@code --steps=N} readings per sensor and round
 * (100), {@code --rounds=N} (10). Prints ns per reading per round, then the best and the median.
 */
public final class GatewayRulesBench {
    private GatewayRulesBench() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        run(args);
        System.exit(0);
    }

    /** Runs the benchmark with parsed {@code --key=value} arguments. */
    static void run(Map<String, String> args) throws Exception {
        int sensors = Integer.parseInt(args.getOrDefault("sensors", "10000"));
        int steps = Integer.parseInt(args.getOrDefault("steps", "100"));
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "10"));
        boolean realTime = args.getOrDefault("clock", "replay").equals("realtime");
        int sites = sensors / 2;

        KeyedBroadcastOperatorTestHarness<String, TelemetryPack, SiteConfig, AlertEvent> harness =
                GatewayRulesHarness.open(
                        PendingLimits.defaults(), Optional.of(DeviceHealthParams.defaults()), 0);
        for (int s = 0; s < sites; s++) {
            harness.processBroadcastElement(BenchData.site(s), 0);
        }
        List<Double> perReading = new ArrayList<>();
        DataOutputSerializer out = new DataOutputSerializer(256);
        long step = 0;
        for (int r = 1; r <= rounds; r++) {
            // The round's packs as exchange bytes, made before the clock starts.
            List<byte[]> packs = new ArrayList<>(sites * steps);
            for (int k = 0; k < steps; k++, step++) {
                for (int s = 0; s < sites; s++) {
                    out.clear();
                    TelemetryPackSerializer.INSTANCE.serialize(
                            pack(BenchData.cyclingWater(s, step), BenchData.rain(s, step, 0.2)),
                            out);
                    packs.add(out.getCopyOfBuffer());
                }
            }
            long readings = 2L * packs.size();
            long t0 = System.nanoTime();
            int i = 0;
            for (byte[] bytes : packs) {
                if (i++ % sites == 0) {
                    long at = step - steps + i / sites;
                    harness.setProcessingTime(realTime ? BenchData.timeOfStep(at) : at);
                }
                TelemetryPack p =
                        TelemetryPackSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(bytes));
                harness.processElement(p, 0);
            }
            long ns = System.nanoTime() - t0;
            double each = (double) ns / readings;
            perReading.add(each);
            int alerts = harness.getOutput().size();
            harness.getOutput().clear();
            var siteInputs = harness.getSideOutput(GatewayRulesFunction.SITE_INPUTS);
            int inputs = siteInputs == null ? 0 : siteInputs.size();
            if (siteInputs != null) {
                siteInputs.clear();
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %,d readings in %.2f s → %.0f ns per reading (%,d alerts, %,d site"
                            + " inputs)%n",
                    r,
                    readings,
                    ns / 1e9,
                    each,
                    alerts,
                    inputs);
        }
        List<Double> sorted = new ArrayList<>(perReading);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "RESULT gateway rules, %,d sensors: best %.0f ns per reading, median %.0f ns%n",
                sensors,
                sorted.get(0),
                sorted.get(sorted.size() / 2));
        harness.close();
    }

    private static TelemetryPack pack(TelemetryRecord... readings) {
        List<Reading> list = new ArrayList<>(readings.length);
        for (TelemetryRecord r : readings) {
            list.add(r.reading());
        }
        return TelemetryPack.of(readings[0].gateway(), readings[0].receivedAt(), list);
    }
}
