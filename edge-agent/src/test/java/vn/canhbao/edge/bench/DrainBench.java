package vn.canhbao.edge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
import vn.canhbao.edge.journal.Journal;
import vn.canhbao.edge.journal.JournalConfig;
import vn.canhbao.edge.journal.Priority;
import vn.canhbao.edge.uplink.MqttUplink;
import vn.canhbao.edge.uplink.UplinkSettings;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * Load driver: drain after a 24-hour outage of 200 sensors at one reading per 10 s (200 × 8,640 =
 * 1,728,000 readings in packs of 10) from the journal to a local Mosquitto, with an alert appended
 * last; then a bare Paho publisher sending the same packs from memory with the same in-flight
 * window, as the baseline. Prints readings/s of both, where the alert arrived among the messages (1
 * = first), and the process's peak RSS.
 *
 * <pre>
 * java -Xmx64m -cp … vn.canhbao.edge.bench.DrainBench [brokerUri|start] [sensors] [readingsPerSensor] [maxInFlight] [observe]
 * </pre>
 *
 * {@code start} (default) starts a Mosquitto from test-support in a temporary directory. {@code
 * observe=false} skips the in-process subscriber (for the RSS figure of the agent side alone; the
 * alert position is then not measured).
 */
public final class DrainBench {
    private static final int PER_PACK = 10;
    private static final GatewayId GW = GatewayId.of("gw-drain-bench");

    private DrainBench() {}

    public static void main(String[] args) throws Exception {
        String brokerArg = args.length > 0 ? args[0] : "start";
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int perSensor = args.length > 2 ? Integer.parseInt(args[2]) : 8_640;
        int maxInFlight = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        boolean observe = args.length <= 4 || Boolean.parseBoolean(args[4]);
        long packs = (long) sensors * perSensor / PER_PACK;
        Path tmp = Files.createTempDirectory("canhbao-drain-bench");
        MosquittoBroker broker = null;
        String uri = brokerArg;
        if ("start".equals(brokerArg)) {
            broker = MosquittoBroker.start(tmp.resolve("mosquitto"));
            uri = broker.uri();
        }
        try {
            System.out.printf(
                    "%d sensors × %d readings = %,d readings in %,d packs; broker %s; in flight %d%n",
                    sensors, perSensor, packs * PER_PACK, packs, uri, maxInFlight);
            Observer observer = observe ? Observer.start(uri, packs + 1) : null;
            drainJournal(tmp.resolve("journal"), uri, sensors, packs, maxInFlight, observer);
            if (observer != null) {
                observer.close();
            }
            Observer baselineObserver = observe ? Observer.start(uri, packs) : null;
            barePaho(uri, sensors, packs, maxInFlight, baselineObserver);
            if (baselineObserver != null) {
                baselineObserver.close();
            }
            System.out.println("peak RSS (VmHWM): " + vmHwm());
        } finally {
            if (broker != null) {
                broker.close();
            }
            JournalAppendBench.deleteTree(tmp);
        }
    }

    private static void drainJournal(
            Path dir, String uri, int sensors, long packs, int maxInFlight, Observer observer)
            throws Exception {
        JournalConfig c = JournalConfig.defaults(dir).withMaxBytes(2L * 1024 * 1024 * 1024);
        try (Journal journal = Journal.open(c)) {
            long t0 = System.nanoTime();
            for (long k = 0; k < packs; k++) {
                journal.append(
                        Priority.TELEMETRY, BenchPacks.pack(GW, k, PER_PACK, sensors), PER_PACK);
            }
            long alert = journal.append(Priority.ALERT, BenchPacks.pack(GW, packs, 1, sensors), 1);
            journal.awaitDurable(alert, Duration.ofSeconds(30));
            System.out.printf(
                    "filled the journal: %,d bytes in %.1f s%n",
                    journal.stats().bytes(), (System.nanoTime() - t0) / 1e9);
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
            MqttUplink uplink =
                    new MqttUplink(
                            new UplinkSettings(
                                            GW,
                                            uri,
                                            "edge-drain-bench",
                                            Duration.ofHours(1),
                                            Duration.ofSeconds(30),
                                            Duration.ofSeconds(5),
                                            maxInFlight,
                                            "bench")
                                    .withMaxInFlight(maxInFlight),
                            journal,
                            executor,
                            Clock.systemUTC());
            long t1 = System.nanoTime();
            uplink.start();
            while (!journal.awaitEmpty(Duration.ofSeconds(1))) {
                uplink.wakeUp();
            }
            double s = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    "journal drain: %,d readings in %.1f s = %,.0f readings/s (wire %,d of %,d payload bytes)%n",
                    packs * PER_PACK + 1,
                    s,
                    (packs * PER_PACK + 1) / s,
                    uplink.wireBytes(),
                    uplink.sentPayloadBytes());
            if (observer != null) {
                observer.await();
                System.out.printf(
                        "alert arrived as message %,d of %,d%n",
                        observer.alertPosition.get(), observer.received.get());
            }
            uplink.close();
            executor.shutdown();
        }
    }

    private static void barePaho(
            String uri, int sensors, long packs, int maxInFlight, Observer observer)
            throws Exception {
        List<byte[]> payloads = new java.util.ArrayList<>();
        int distinct = (int) Math.min(packs, 10_000); // keep the baseline's memory small
        for (int k = 0; k < distinct; k++) {
            payloads.add(BenchPacks.pack(GW, k, PER_PACK, sensors));
        }
        MqttAsyncClient c = new MqttAsyncClient(uri, "bare-paho-bench", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        Semaphore window = new Semaphore(maxInFlight);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong acked = new AtomicLong();
        MqttActionListener onAck =
                new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        window.release();
                        if (acked.incrementAndGet() == packs) {
                            done.countDown();
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        System.err.println("bare Paho publish failed: " + e);
                        done.countDown();
                    }
                };
        String topic = MqttTopics.telemetry(GW);
        long t0 = System.nanoTime();
        for (long k = 0; k < packs; k++) {
            window.acquire();
            MqttMessage m = new MqttMessage(payloads.get((int) (k % distinct)));
            m.setQos(1);
            c.publish(topic, m, null, onAck);
        }
        done.await(10, TimeUnit.MINUTES);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "bare Paho:     %,d readings in %.1f s = %,.0f readings/s%n",
                packs * PER_PACK, s, packs * PER_PACK / s);
        c.disconnect().waitForCompletion(5_000);
        c.close();
        if (observer != null) {
            observer.await();
        }
    }

    private static String vmHwm() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }

    /** Counts messages on the telemetry topic and notes where the alert (one reading) arrived. */
    private static final class Observer implements AutoCloseable {
        final AtomicLong received = new AtomicLong();
        final AtomicLong alertPosition = new AtomicLong(-1);
        final CountDownLatch all = new CountDownLatch(1);
        final long expected;
        MqttAsyncClient client;

        private Observer(long expected) {
            this.expected = expected;
        }

        static Observer start(String uri, long expected) throws Exception {
            Observer ob = new Observer(expected);
            ob.client = new MqttAsyncClient(uri, "drain-observer", new MemoryPersistence());
            ob.client.setCallback(
                    new MqttCallback() {
                        @Override
                        public void messageArrived(String t, MqttMessage m) {
                            long n = ob.received.incrementAndGet();
                            // The alert is the only pack of one reading (and not compressed).
                            if (m.getPayload().length < 200 && m.getPayload()[0] == '[') {
                                ob.alertPosition.compareAndSet(-1, n);
                            }
                            if (n >= ob.expected) {
                                ob.all.countDown();
                            }
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
                    });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            ob.client.connect(o).waitForCompletion(10_000);
            ob.client.subscribe(MqttTopics.telemetry(GW), 1).waitForCompletion(10_000);
            return ob;
        }

        void await() throws InterruptedException {
            all.await(2, TimeUnit.MINUTES);
        }

        @Override
        public void close() throws Exception {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
