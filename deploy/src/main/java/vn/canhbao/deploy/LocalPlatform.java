package vn.canhbao.deploy;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.edge.SimulatedGateway;
import vn.canhbao.edge.SimulatedGatewayConfig;
import vn.canhbao.edge.scenario.ScenarioSource;
import vn.canhbao.ingest.IngestConfig;
import vn.canhbao.ingest.IngestService;
import vn.canhbao.ingest.history.HistoryConfig;
import vn.canhbao.ingest.history.HistoryWriter;
import vn.canhbao.stream.HazardJobConfig;
import vn.canhbao.stream.HazardJobs;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.InfluxServer;
import vn.canhbao.testsupport.KafkaBroker;

/**
 * The whole canhbao platform on one machine: a real Kafka broker (KRaft, in this JVM), an MQTT
 * broker (Mosquitto or embedded HiveMQ CE), PostgreSQL (embedded unless a URL is given), InfluxDB
 * when installed, the Flink hazard job on a local MiniCluster, ingest, the device registry, the
 * operations center and the VMS as child processes, and three simulated commune gateways.
 * Everything lives under {@link PlatformConfig#dataDir()}.
 *
 * <p>{@link #close()} stops the parts in the reverse order of their start: gateways first, so
 * nothing they send is lost in a half-stopped platform; Kafka last.
 */
public final class LocalPlatform implements AutoCloseable {
    /** The demo gateways and the scenario each one plays. */
    static final Map<String, String> GATEWAYS =
            Map.of(
                    "gw-nam-cang", "/scenarios/nam-cang-flash-flood.json",
                    "gw-ta-van", "/scenarios/ta-van-rising.json",
                    "gw-tra-leng", "/scenarios/tra-leng-rising.json");

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    private final PlatformConfig config;
    private final Deque<Part> running = new ArrayDeque<>();
    private final List<SimulatedGateway> gateways = new ArrayList<>();
    private KafkaBroker kafka;
    private MqttBroker mqtt;
    private Database database;
    private Optional<InfluxServer> influx = Optional.empty();
    private ChildService registry;
    private ChildService ops;
    private ChildService vms;
    private IngestService ingest;
    private LocalSecrets secrets;

    private LocalPlatform(PlatformConfig config) {
        this.config = config;
    }

    /**
     * Starts every part and returns when the console is ready and the gateways are sending.
     *
     * @throws PlatformException naming the part that failed; whatever had started is stopped
     */
    public static LocalPlatform start(PlatformConfig config) {
        LocalPlatform platform = new LocalPlatform(config);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = config.dataDir().toAbsolutePath();
        Path logs = data.resolve("logs");

        CompletableFuture<KafkaBroker> kafkaStart =
                CompletableFuture.supplyAsync(() -> KafkaBroker.start(data.resolve("kafka")));
        CompletableFuture<Database> dbStart =
                CompletableFuture.supplyAsync(
                        () -> Database.start(config, data.resolve("postgres")));
        mqtt = MqttBroker.start(config.mqtt(), data.resolve("mqtt"));
        remember("MQTT broker", mqtt::close);
        kafka = join(kafkaStart);
        remember("Kafka", kafka::close);
        database = join(dbStart);
        remember("PostgreSQL", database::close);
        LOG.info(
                "Kafka {}, {}, {}",
                kafka.bootstrapServers(),
                mqtt.description(),
                database.description());

        createTopics();
        if (InfluxServer.available()) {
            InfluxServer server = InfluxServer.start(data.resolve("influxdb"));
            influx = Optional.of(server);
            remember("InfluxDB", server::close);
            HistoryWriter history =
                    new HistoryWriter(HistoryConfig.of(kafka.bootstrapServers(), server.url()));
            history.start();
            remember("InfluxDB history writer", history::close);
        }
        for (String db : List.of("registry", "ops", "vms")) {
            database.createDatabase(db);
        }

        int registryPort = FreePorts.next();
        int vmsPort = FreePorts.next();
        int consolePort = config.consolePort() == 0 ? FreePorts.next() : config.consolePort();
        String vmsUrl = "http://127.0.0.1:" + vmsPort;
        secrets = LocalSecrets.loadOrCreate(data.resolve("secrets"));
        Map<String, String> registryProps =
                Map.of(
                        "canhbao.registry.auth.bootstrap-admin-password", secrets.adminPassword(),
                        "canhbao.registry.secrets.camera-key", secrets.cameraKey(),
                        "canhbao.provisioning.ca.dir", data.resolve("registry-ca").toString());
        CompletableFuture<ChildService> registryStart =
                CompletableFuture.supplyAsync(
                        () ->
                                launch(
                                        "device-registry",
                                        "registry",
                                        registryPort,
                                        registryProps,
                                        logs));
        CompletableFuture<ChildService> opsStart =
                CompletableFuture.supplyAsync(
                        () ->
                                launch(
                                        "ops-center",
                                        "ops",
                                        consolePort,
                                        Map.of("canhbao.ops.vms-url", vmsUrl),
                                        logs));
        CompletableFuture<ChildService> vmsStart =
                CompletableFuture.supplyAsync(
                        () ->
                                launch(
                                        "vms",
                                        "vms",
                                        vmsPort,
                                        Map.of(
                                                "canhbao.vms.storage-dir",
                                                data.resolve("recordings").toString()),
                                        logs));

        HazardJobs.Running job =
                HazardJobs.startLocal(HazardJobConfig.defaults(kafka.bootstrapServers()));
        remember("Flink hazard job", job::close);

        ingest =
                new IngestService(
                        IngestConfig.of(mqtt.uri(), "ingest-local-1", kafka.bootstrapServers()));
        ingest.start();
        remember("ingest", ingest::close);

        registry = join(registryStart);
        remember("device registry", registry::close);
        ops = join(opsStart);
        remember("operations center", ops::close);
        vms = join(vmsStart);
        remember("VMS", vms::close);

        int created =
                new FixtureSeeder(registry.url(), "admin", secrets.adminPassword())
                        .seed("/fixture/demo.json");
        LOG.info("registry seeded with the demo communes ({} new entities)", created);

        if (config.gateways()) {
            startGateways(data.resolve("gateways"));
        }
    }

    private void startGateways(Path dir) {
        GATEWAYS.forEach(
                (id, scenario) -> {
                    GatewayId gateway = GatewayId.of(id);
                    SimulatedGatewayConfig gwConfig =
                            SimulatedGatewayConfig.of(
                                            gateway,
                                            SimulatedGatewayConfig.brokerUri(mqtt.uri()),
                                            dir.resolve(id),
                                            ScenarioSource.classpath(scenario))
                                    .withTimeScale(config.timeScale());
                    SimulatedGateway gw = new SimulatedGateway(gwConfig);
                    gw.start();
                    gateways.add(gw);
                    remember("gateway " + id, gw::close);
                });
    }

    private void createTopics() {
        kafka.createTopic(KafkaTopics.TELEMETRY, 4, false);
        kafka.createTopic(KafkaTopics.TELEMETRY_DLQ, 1, false);
        kafka.createTopic(KafkaTopics.SITE_CONFIG, 1, true);
        kafka.createTopic(KafkaTopics.ALERTS, 2, false);
        kafka.createTopic(KafkaTopics.DEVICE_STATE, 1, true);
        kafka.createTopic(KafkaTopics.VIDEO_EVENTS, 1, false);
    }

    private ChildService launch(
            String module, String db, int port, Map<String, String> extra, Path logs) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("quarkus.datasource.jdbc.url", database.jdbcUrl(db));
        props.put("quarkus.datasource.username", database.user());
        props.put("quarkus.datasource.password", database.password());
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("quarkus.log.file.enable", "false");
        props.putAll(extra);
        Path jar = config.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        return ChildService.launch(module, jar, port, props, logs, config.readyTimeout());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void remember(String name, Runnable stop) {
        running.push(new Part(name, stop));
    }

    /** {@code http://127.0.0.1:PORT/}: the operations console. */
    public String consoleUrl() {
        return ops.url() + "/";
    }

    public String opsUrl() {
        return ops.url();
    }

    public String registryUrl() {
        return registry.url();
    }

    public String vmsUrl() {
        return vms.url();
    }

    /** The embedded Kafka broker, for tests in this package. */
    KafkaBroker kafkaBroker() {
        return kafka;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mqttUri() {
        return mqtt.uri();
    }

    public List<SimulatedGateway> gateways() {
        return List.copyOf(gateways);
    }

    public IngestService ingest() {
        return ingest;
    }

    /** A multi-line description of what runs where, Vietnamese first. */
    public String banner() {
        String influxLine =
                influx.map(
                                i ->
                                        "InfluxDB "
                                                + i.url()
                                                + " (lịch sử số đo / reading history, database canhbao)")
                        .orElse(
                                "InfluxDB: chưa cài đặt, bỏ qua / not installed, skipped (apt-get install influxdb)");
        return String.join(
                System.lineSeparator(),
                List.of(
                        "",
                        "canhbao đang chạy / canhbao is running",
                        "  Bảng điều khiển / Operations console : " + consoleUrl(),
                        "  Đăng ký thiết bị / Device registry   : "
                                + registry.url()
                                + "/q/swagger-ui  (API "
                                + registry.url()
                                + "/api/v1)",
                        "  Nhận trạm / Claim a gateway          : "
                                + registry.url()
                                + "/claim/  (admin, mật khẩu / password in "
                                + config.dataDir().resolve("secrets/admin-password")
                                + ")",
                        "  Video (VMS)                          : " + vms.url() + "/api/v1/cameras",
                        "  Kafka " + kafka.bootstrapServers() + " · " + mqtt.description(),
                        "  " + database.description(),
                        "  " + influxLine,
                        "  Trạm mô phỏng / Simulated gateways  : "
                                + (config.gateways()
                                        ? String.join(", ", GATEWAYS.keySet())
                                        : "tắt / off"),
                        "  Dữ liệu và nhật ký / Data and logs  : "
                                + config.dataDir().toAbsolutePath(),
                        "  Nhấn Ctrl-C để dừng / Press Ctrl-C to stop",
                        ""));
    }

    /**
     * Stops everything that started, newest first; a part that fails to stop is logged and the rest
     * still stop.
     */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            Part part = running.pop();
            LOG.info("stopping {}", part.name());
            try {
                part.stop().run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed", part.name(), e);
            }
        }
    }

    /** A started part of the platform and how to stop it. */
    private record Part(String name, Runnable stop) {}
}
