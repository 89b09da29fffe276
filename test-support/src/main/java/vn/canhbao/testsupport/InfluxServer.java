package vn.canhbao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real InfluxDB 1.x ({@code influxd}, Debian's package) in a child process on free loopback
 * ports, with meta, data and WAL under its own folder. Optional: {@link #available()} tells whether
 * it is installed.
 */
public final class InfluxServer implements AutoCloseable {
    private final Path dir;
    private final int httpPort;
    private final int rpcPort;
    private final Path log;
    private Process process;

    private InfluxServer(Path dir, int httpPort, int rpcPort) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.rpcPort = rpcPort;
        this.log = dir.resolve("influxd.log");
    }

    public static boolean available() {
        return Processes.which("influxd").isPresent();
    }

    /**
     * @throws ComponentUnavailable when influxd is not installed or does not come up
     */
    public static InfluxServer start(Path dir) {
        return start(dir, FreePorts.next());
    }

    public static InfluxServer start(Path dir, int httpPort) {
        InfluxServer s = new InfluxServer(dir, httpPort, FreePorts.next());
        s.writeConfig();
        s.launch();
        return s;
    }

    private Path config() {
        return dir.resolve("influxdb.conf");
    }

    private void writeConfig() {
        String root = dir.toAbsolutePath().toString();
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    config(),
                    String.join(
                            "\n",
                            List.of(
                                    "reporting-disabled = true",
                                    "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                                    "[meta]",
                                    "  dir = \"" + root + "/meta\"",
                                    "[data]",
                                    "  dir = \"" + root + "/data\"",
                                    "  wal-dir = \"" + root + "/wal\"",
                                    "  query-log-enabled = false",
                                    "[http]",
                                    "  bind-address = \"127.0.0.1:" + httpPort + "\"",
                                    "  log-enabled = false",
                                    "")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the InfluxDB config in " + dir, e);
        }
    }

    private void launch() {
        Path exe =
                Processes.which("influxd")
                        .orElseThrow(
                                () ->
                                        new ComponentUnavailable(
                                                "InfluxDB: 'influxd' is not installed; install it with 'apt-get install influxdb'"));
        try {
            process =
                    new ProcessBuilder(
                                    exe.toString(), "-config", config().toAbsolutePath().toString())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
        } catch (IOException e) {
            throw new ComponentUnavailable("InfluxDB: cannot start " + exe, e);
        }
        Processes.awaitPort(process, httpPort, Duration.ofSeconds(20), "influxd", log);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public void stop() {
        Processes.stop(process, Duration.ofSeconds(10));
    }

    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }
}
