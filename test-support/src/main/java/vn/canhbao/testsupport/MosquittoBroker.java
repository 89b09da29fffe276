package vn.canhbao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Mosquitto broker in a child process, listening on 127.0.0.1 on a free port, with
 * persistence in its own folder so a {@link #restart()} keeps sessions and queued messages.
 *
 * <p>Mosquitto's defaults silently drop QoS 1 messages under load (max_inflight_messages 20,
 * max_queued_messages 1000: see DEPENDENCIES.md), so both are set deliberately high here.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    /**
     * Starts Mosquitto with a configuration the caller wrote (e.g. a mutual-TLS listener with
     * {@code cafile}/{@code certfile}/{@code keyfile}, {@code require_certificate true}, {@code
     * use_identity_as_username true}, {@code acl_file}, {@code crlfile}); it must contain {@code
     * listener PORT 127.0.0.1}. The config is written to {@code dir/mosquitto.conf}; a {@code
     * log_dest file} line pointing at {@link #logFile()} is appended.
     *
     * @throws ComponentUnavailable when mosquitto is not installed or does not come up
     */
    public static MosquittoBroker startWithConfig(Path dir, int port, String configBody) {
        MosquittoBroker broker = new MosquittoBroker(dir, port);
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    broker.config,
                    configBody
                            + "\nlog_dest file "
                            + broker.log.toAbsolutePath()
                            + "\nlog_type all\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Mosquitto config in " + dir, e);
        }
        broker.launch();
        return broker;
    }

    /**
     * Sends SIGHUP: Mosquitto rereads its configuration, including the ACL file (and, on a listener
     * with TLS, the certificates and CRL where the Mosquitto version supports it).
     */
    public void reload() {
        try {
            Process kill =
                    new ProcessBuilder("kill", "-HUP", Long.toString(process.pid()))
                            .redirectErrorStream(true)
                            .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling mosquitto", e);
        }
    }

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
    }

    /** True when a {@code mosquitto} executable is installed. */
    public static boolean available() {
        return Processes.which("mosquitto").isPresent();
    }

    /**
     * Starts Mosquitto with its config, persistence and log under {@code dir}.
     *
     * @throws ComponentUnavailable when mosquitto is not installed or does not come up
     */
    public static MosquittoBroker start(Path dir) {
        return start(dir, FreePorts.next());
    }

    public static MosquittoBroker start(Path dir, int port) {
        MosquittoBroker broker = new MosquittoBroker(dir, port);
        broker.writeConfig();
        broker.launch();
        return broker;
    }

    private void writeConfig() {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            List.of(
                                    "# written by canhbao test-support",
                                    "user root",
                                    "listener " + port + " 127.0.0.1",
                                    "allow_anonymous true",
                                    "persistence true",
                                    "persistence_location "
                                            + dir.resolve("data").toAbsolutePath()
                                            + "/",
                                    "autosave_interval 1",
                                    "max_inflight_messages 1000",
                                    "max_queued_messages 1000000",
                                    "max_packet_size 1048576",
                                    "persistent_client_expiration 1d",
                                    "log_dest file " + log.toAbsolutePath(),
                                    "log_type error",
                                    "log_type warning",
                                    "log_type notice",
                                    "")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Mosquitto config in " + dir, e);
        }
    }

    private void launch() {
        Path exe =
                Processes.which("mosquitto")
                        .orElseThrow(
                                () ->
                                        new ComponentUnavailable(
                                                "MQTT broker: 'mosquitto' is not installed; install it with 'apt-get install mosquitto'"));
        try {
            process =
                    new ProcessBuilder(exe.toString(), "-c", config.toAbsolutePath().toString())
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            dir.resolve("mosquitto.out").toFile()))
                            .start();
        } catch (IOException e) {
            throw new ComponentUnavailable("MQTT broker: cannot start " + exe, e);
        }
        Processes.awaitPort(process, port, Duration.ofSeconds(15), "mosquitto", log);
    }

    /** {@code tcp://127.0.0.1:PORT} for Paho. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker gracefully (it saves its persistence on the way down). */
    public void stop() {
        Processes.stop(process, Duration.ofSeconds(10));
    }

    /** Kills the broker with SIGKILL: whatever it had not saved is gone. */
    public void kill() {
        Processes.kill(process);
    }

    /** Starts the broker again on the same port with the same persistence. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }
}
