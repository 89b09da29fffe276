package vn.canhbao.edge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.edge.agent.EdgeAgent;
import vn.canhbao.edge.agent.EdgeAgentConfig;
import vn.canhbao.edge.scenario.ScenarioSource;

/**
 * Runs the gateway agent until the process is stopped (Ctrl-C / SIGTERM). Two modes:
 *
 * <pre>
 * # the real agent ({@link EdgeAgent}) from a config file
 * java -jar edge-agent.jar --config /etc/canhbao-edge/agent.json
 * # one simulated gateway ({@link SimulatedGateway}), as the local runner uses
 * java -cp ... vn.canhbao.edge.EdgeAgentMain --gateway gw-nam-cang --broker tcp://127.0.0.1:1883 \
 *     --scenario classpath:scenarios/flood-rise.json --data-dir /var/lib/canhbao-edge
 * </pre>
 */
@Command(
        name = "edge-agent",
        mixinStandardHelpOptions = true,
        versionProvider = EdgeAgentMain.Version.class,
        description =
                "Gateway cảnh báo sớm: --config chạy agent thật, hoặc --gateway/--broker/--scenario/"
                        + "--data-dir mô phỏng một gateway. / Early-warning gateway: --config runs the"
                        + " real agent; --gateway/--broker/--scenario/--data-dir simulate one gateway.")
public final class EdgeAgentMain implements Callable<Integer> {
    @Option(
            names = "--config",
            description = "Agent config file (JSON): runs the real agent instead of a simulation")
    Path configFile;

    @Option(names = "--gateway", description = "Gateway id, e.g. gw-nam-cang")
    String gateway;

    @Option(names = "--broker", description = "MQTT broker URI, e.g. tcp://127.0.0.1:1883")
    String broker;

    @Option(
            names = "--scenario",
            description = "Scenario file, or classpath:scenarios/flood-rise.json")
    String scenario;

    @Option(
            names = "--data-dir",
            description = "Directory for the agent's state (sequence counter)")
    Path dataDir;

    @Option(
            names = "--time-scale",
            defaultValue = "1",
            description = "Scenario seconds per wall-clock second (default 1)")
    double timeScale;

    @Option(
            names = "--publish-interval",
            description =
                    "Wall-clock interval between batches (ISO-8601, e.g. PT1S); default: the scenario's")
    Duration publishInterval;

    @Option(names = "--client-id", description = "MQTT client id (default edge-<gateway>)")
    String clientId;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EdgeAgentMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (configFile != null) {
            return runAgent();
        }
        if (gateway == null || broker == null || scenario == null || dataDir == null) {
            System.err.println(
                    "Thiếu tham số / missing options: --config FILE, or all of --gateway, --broker,"
                            + " --scenario, --data-dir");
            return 2;
        }
        SimulatedGatewayConfig config;
        try {
            config = config();
        } catch (ContractViolation e) {
            System.err.println("Cấu hình không hợp lệ / invalid configuration: " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (SimulatedGateway gw = new SimulatedGateway(config)) {
            Thread hook =
                    new Thread(
                            () -> {
                                gw.close();
                                stop.countDown();
                            },
                            "canhbao-edge-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            gw.start();
            stop.await();
        }
        return 0;
    }

    private int runAgent() throws InterruptedException {
        EdgeAgentConfig config;
        try {
            config = EdgeAgentConfig.load(configFile);
        } catch (ContractViolation e) {
            System.err.println("Cấu hình không hợp lệ / invalid configuration: " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (EdgeAgent agent = new EdgeAgent(config)) {
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        agent.close();
                                        stop.countDown();
                                    },
                                    "canhbao-edge-shutdown"));
            agent.start();
            stop.await();
        }
        return 0;
    }

    SimulatedGatewayConfig config() {
        SimulatedGatewayConfig c =
                SimulatedGatewayConfig.of(
                                GatewayId.of(gateway),
                                SimulatedGatewayConfig.brokerUri(broker),
                                dataDir,
                                ScenarioSource.parse(scenario))
                        .withTimeScale(timeScale);
        if (publishInterval != null) {
            c = c.withPublishInterval(publishInterval);
        }
        if (clientId != null) {
            c = c.withClientId(clientId);
        }
        return c;
    }

    /** picocli's {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"canhbao edge-agent " + AgentVersion.get()};
        }
    }
}
