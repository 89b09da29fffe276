package vn.canhbao.edge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.SenmlCodec;
import vn.canhbao.edge.ServiceUnit;
import vn.canhbao.edge.warn.TestSites;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The runnable jar from {@code package} started as a child process with the JVM flags and
 * environment of the shipped systemd unit ({@code java -Xmx64m … -jar}, {@link ServiceUnit}) and a
 * config file, against a real Mosquitto: its retained birth and a reading arrive; SIGTERM stops it
 * cleanly with a retained {@code offline}.
 */
class PackagedAgentIT {
    @TempDir Path dir;

    @Test
    void theRunnableJarConnectsSendsItsBirthAndAReadingAndStopsOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("canhbao.edge.agentJar", "target/missing-agent.jar"));
        assertThat(jar)
                .as("the agent jar is built by 'package' (not with -DskipAgentJar)")
                .exists();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                GatewayTopicsCollector peer =
                        new GatewayTopicsCollector(broker.uri(), "test-peer", TestSites.GW)) {
            Path config = dir.resolve("agent.json");
            Files.writeString(
                    config,
                    """
                    {"gateway":"gw-nam-cang","dataDir":"data",
                     "uplink":{"broker":"%s","compressMinBytes":0},
                     "adapters":{"scenario":{"source":"classpath:scenarios/flood-rise.json"}},
                     "health":{"interval":"PT1S"}}
                    """
                            .formatted(broker.uri()));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ServiceUnit unit = ServiceUnit.load(); // the shipped unit's JVM flags and environment
            assertThat(unit.jvmFlags()).contains("-Xmx64m");
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(unit.jvmFlags());
            command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(unit.environment());
            Process p =
                    builder.redirectErrorStream(true)
                            .redirectOutput(dir.resolve("agent.log").toFile())
                            .start();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        peer.on(MqttTopics.state(TestSites.GW)).stream()
                                                .anyMatch(m -> m.text().contains("\"online\"")));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !peer.on(MqttTopics.telemetry(TestSites.GW)).isEmpty());
                String pack = peer.on(MqttTopics.telemetry(TestSites.GW)).get(0).text();
                assertThat(
                                new SenmlCodec()
                                        .decode(pack.getBytes(StandardCharsets.UTF_8), TestSites.GW)
                                        .readings())
                        .isNotEmpty();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !peer.on(MqttTopics.health(TestSites.GW)).isEmpty());
                assertThat(p.isAlive()).isTrue();
            } finally {
                p.destroy(); // SIGTERM
                boolean exited = p.waitFor(30, TimeUnit.SECONDS);
                if (!exited) {
                    p.destroyForcibly();
                }
                assertThat(exited).as("stops within 30 s of SIGTERM").isTrue();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> {
                                List<GatewayTopicsCollector.Message> s =
                                        peer.on(MqttTopics.state(TestSites.GW));
                                return s.get(s.size() - 1).text().contains("\"offline\"");
                            });
            assertThat(Files.readString(dir.resolve("agent.log"))).contains("agent started");
        }
    }
}
