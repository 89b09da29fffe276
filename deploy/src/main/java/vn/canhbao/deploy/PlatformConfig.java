package vn.canhbao.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the local platform runs. Everything has a default that needs nothing but Java.
 *
 * @param home the canhbao checkout, where {@code <module>/target/quarkus-app} jars are found
 * @param dataDir the one folder that holds all data and logs (Kafka, MQTT, PostgreSQL, recordings)
 * @param consolePort HTTP port of the operations console; 0 picks a free port
 * @param postgresUrl a JDBC base URL such as {@code jdbc:postgresql://db:5432/} to use instead of
 *     the embedded PostgreSQL; the databases {@code registry}, {@code ops} and {@code vms} are
 *     created there if missing
 * @param postgresUser user for {@code postgresUrl}
 * @param postgresPassword password for {@code postgresUrl}
 * @param mqtt which MQTT broker to run
 * @param gateways whether to run the three simulated commune gateways
 * @param timeScale scenario seconds per wall-clock second for the simulated gateways
 * @param readyTimeout how long each central service may take to become ready
 */
public record PlatformConfig(
        Path home,
        Path dataDir,
        int consolePort,
        Optional<String> postgresUrl,
        String postgresUser,
        String postgresPassword,
        MqttBroker.Kind mqtt,
        boolean gateways,
        double timeScale,
        Duration readyTimeout) {

    public PlatformConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(postgresUser, "postgresUser");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (consolePort < 0 || consolePort > 65535) {
            throw new IllegalArgumentException(
                    "consolePort: expected 0 to 65535 (got " + consolePort + ")");
        }
        if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
            throw new IllegalArgumentException(
                    "timeScale: expected a positive number (got " + timeScale + ")");
        }
        postgresUrl.ifPresent(
                url -> {
                    if (!url.startsWith("jdbc:postgresql://") || !url.endsWith("/")) {
                        throw new IllegalArgumentException(
                                "postgresUrl: expected jdbc:postgresql://HOST:PORT/ ending in '/' (got \""
                                        + url
                                        + "\")");
                    }
                });
    }

    /**
     * Defaults: data under {@code home/data}, console on 8080, embedded PostgreSQL, auto-chosen
     * MQTT broker.
     */
    public static PlatformConfig defaults(Path home) {
        return new PlatformConfig(
                home,
                home.resolve("data"),
                8080,
                Optional.empty(),
                "postgres",
                "",
                MqttBroker.Kind.AUTO,
                true,
                1.0,
                Duration.ofSeconds(120));
    }

    public PlatformConfig withDataDir(Path dir) {
        return new PlatformConfig(
                home,
                dir,
                consolePort,
                postgresUrl,
                postgresUser,
                postgresPassword,
                mqtt,
                gateways,
                timeScale,
                readyTimeout);
    }

    public PlatformConfig withConsolePort(int port) {
        return new PlatformConfig(
                home,
                dataDir,
                port,
                postgresUrl,
                postgresUser,
                postgresPassword,
                mqtt,
                gateways,
                timeScale,
                readyTimeout);
    }

    public PlatformConfig withGateways(boolean run) {
        return new PlatformConfig(
                home,
                dataDir,
                consolePort,
                postgresUrl,
                postgresUser,
                postgresPassword,
                mqtt,
                run,
                timeScale,
                readyTimeout);
    }
}
