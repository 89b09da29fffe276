package vn.canhbao.edge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.ServiceUnit;
import vn.canhbao.edge.adapter.camera.TsCamera;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Load driver: the RSS of the agent process alone. A child JVM runs the real agent ({@code
 * EdgeAgentMain --config}, {@code -Xmx64m -XX:+UseSerialGC} as in the systemd unit) with simulated
 * sensors from a scenario file (one reading per sensor per second) and the test cameras probed,
 * against a local Mosquitto; this process hosts the broker, the cameras (MPEG-TS over HTTP, {@link
 * TsCamera}) and a subscriber that checks the agent really delivers, and samples the child's {@code
 * /proc/<pid>/status} every second. Then the same without cameras, as the baseline.
 *
 * <pre>
 * java -cp … vn.canhbao.edge.bench.AgentMemoryBench [sensors=200] [cameras=4] [seconds=120]
 * </pre>
 *
 * Prints, per run, the child's peak VmRSS sampled, its VmHWM at the end, readings delivered and
 * heartbeats seen.
 */
public final class AgentMemoryBench {
    private static final GatewayId GW = GatewayId.of("gw-memory-bench");
    private static final ServiceUnit UNIT = ServiceUnit.load();

    private AgentMemoryBench() {}

    public static void main(String[] args) throws Exception {
        int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int cameraCount = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        Path tmp = Files.createTempDirectory("canhbao-memory-bench");
        List<TsCamera> cameras = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("mosquitto"))) {
            for (int i = 0; i < cameraCount; i++) {
                cameras.add(new TsCamera(640, 360, 50));
            }
            Path scenario = writeScenario(tmp, sensors);
            Result withCameras =
                    run(tmp.resolve("run-cameras"), broker.uri(), scenario, cameras, seconds);
            Result baseline =
                    run(tmp.resolve("run-baseline"), broker.uri(), scenario, List.of(), seconds);
            System.out.println("JVM flags (from the systemd unit): " + UNIT);
            System.out.printf(
                    "agent RSS, %d sensors, %d cameras, -Xmx64m, %d s: peak VmRSS %,d kB (anon %,d, file %,d), VmHWM %,d kB (%,d readings, %d heartbeats delivered)%n",
                    sensors,
                    cameraCount,
                    seconds,
                    withCameras.peakRssKb,
                    withCameras.anonKb,
                    withCameras.fileKb,
                    withCameras.hwmKb,
                    withCameras.readings,
                    withCameras.heartbeats);
            System.out.printf(
                    "baseline: same agent, no cameras:          peak VmRSS %,d kB (anon %,d, file %,d), VmHWM %,d kB (%,d readings, %d heartbeats delivered)%n",
                    baseline.peakRssKb,
                    baseline.anonKb,
                    baseline.fileKb,
                    baseline.hwmKb,
                    baseline.readings,
                    baseline.heartbeats);
        } finally {
            for (TsCamera c : cameras) {
                c.close();
            }
            JournalAppendBench.deleteTree(tmp);
        }
    }

    record Result(
            long peakRssKb, long hwmKb, long anonKb, long fileKb, long readings, long heartbeats) {}

    private static Result run(
            Path dir, String broker, Path scenario, List<TsCamera> cameras, int seconds)
            throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("agent.json");
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < cameras.size(); i++) {
            targets.append(i == 0 ? "" : ",")
                    .append("{\"camera\":\"cam-bench-")
                    .append(i)
                    .append("\",\"url\":\"")
                    .append(cameras.get(i).url())
                    .append("\"}");
        }
        String cameraBlock =
                cameras.isEmpty()
                        ? ""
                        : ",\"cameras\":{\"targets\":[" + targets + "],\"interval\":\"PT10S\"}";
        Files.writeString(
                config,
                """
                {"gateway":"%s","dataDir":"%s",
                 "uplink":{"broker":"%s"},
                 "adapters":{"scenario":{"source":"%s"}},
                 "health":{"interval":"PT5S"}%s}
                """
                        .formatted(
                                GW.value(),
                                dir.resolve("data").toAbsolutePath(),
                                broker,
                                scenario.toAbsolutePath(),
                                cameraBlock));
        Counter counter = Counter.start(broker);
        Path log = dir.resolve("agent.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(UNIT.jvmFlags());
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "vn.canhbao.edge.EdgeAgentMain",
                        "--config",
                        config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(UNIT.environment());
        Process agent = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peak = 0;
        long hwm = 0;
        long anonAtPeak = 0;
        long fileAtPeak = 0;
        try {
            for (int s = 0; s < seconds && agent.isAlive(); s++) {
                Thread.sleep(1_000);
                long rss = status(agent.pid(), "VmRSS:");
                if (rss > peak) {
                    peak = rss;
                    anonAtPeak = status(agent.pid(), "RssAnon:");
                    fileAtPeak = status(agent.pid(), "RssFile:");
                }
                hwm = Math.max(hwm, status(agent.pid(), "VmHWM:"));
            }
            if (!agent.isAlive()) {
                System.err.println(Files.readString(log));
                throw new IllegalStateException("the agent exited with " + agent.exitValue());
            }
        } finally {
            agent.destroy(); // SIGTERM: the agent drains and says offline
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
            counter.close();
        }
        return new Result(
                peak,
                hwm,
                anonAtPeak,
                fileAtPeak,
                counter.readings.get(),
                counter.heartbeats.get());
    }

    private static Path writeScenario(Path dir, int sensors) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("{\"gateway\":\"")
                .append(GW.value())
                .append("\",\"publishInterval\":\"PT1S\",\"sensors\":[");
        for (int i = 0; i < sensors; i++) {
            s.append(i == 0 ? "" : ",")
                    .append(
                            "{\"id\":\"wl-bench-%03d\",\"quantity\":\"water_level\",\"points\":[{\"at\":\"PT0S\",\"value\":1.0},{\"at\":\"PT60S\",\"value\":1.5}],\"repeat\":\"PT120S\"}"
                                    .formatted(i));
        }
        s.append("]}");
        Path p = dir.resolve("scenario.json");
        Files.writeString(p, s.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private static long status(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return 0;
    }

    /** Counts the readings in the telemetry packs, and the heartbeats. */
    private static final class Counter implements MqttCallback, AutoCloseable {
        final AtomicLong readings = new AtomicLong();
        final AtomicLong heartbeats = new AtomicLong();
        final vn.canhbao.contracts.SenmlCodec codec = new vn.canhbao.contracts.SenmlCodec();
        MqttAsyncClient client;

        static Counter start(String uri) throws MqttException {
            Counter c = new Counter();
            c.client = new MqttAsyncClient(uri, "memory-bench-counter", new MemoryPersistence());
            c.client.setCallback(c);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.client.connect(o).waitForCompletion(10_000);
            c.client
                    .subscribe(
                            new String[] {MqttTopics.telemetry(GW), MqttTopics.health(GW)},
                            new int[] {1, 1})
                    .waitForCompletion(10_000);
            return c;
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) throws Exception {
            if (topic.equals(MqttTopics.health(GW))) {
                heartbeats.incrementAndGet();
                return;
            }
            byte[] p = m.getPayload();
            if (vn.canhbao.edge.uplink.PayloadCompression.isGzip(p)) {
                try (var in =
                        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(p))) {
                    p = in.readAllBytes();
                }
            }
            readings.addAndGet(codec.decode(p, GW).readings().size());
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
