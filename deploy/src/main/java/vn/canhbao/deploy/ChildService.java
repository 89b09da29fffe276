package vn.canhbao.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A central service packaged by Quarkus ({@code target/quarkus-app/quarkus-run.jar}) running as a
 * child process of the local runner, with its output in {@code logs/NAME.log}. It is ready when
 * {@code /q/health/ready} answers 200.
 */
final class ChildService implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ChildService(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Launches {@code jar} with the given system properties and waits until it is ready.
     *
     * @throws PlatformException when the jar is missing, the process dies or it is not ready in
     *     time
     */
    static ChildService launch(
            String name,
            Path jar,
            int port,
            Map<String, String> properties,
            Path logDir,
            Duration readyTimeout) {
        if (!Files.isRegularFile(jar)) {
            throw new PlatformException(
                    name
                            + ": "
                            + jar
                            + " is missing; build it first with './mvnw -DskipTests package'");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path logFile = logDir.resolve(name + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .start();
        } catch (IOException e) {
            throw new PlatformException(name + ": cannot start " + jar, e);
        }
        ChildService service = new ChildService(name, port, logFile, process);
        service.awaitReady(readyTimeout);
        return service;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready =
                HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PlatformException(
                        name
                                + " exited with code "
                                + process.exitValue()
                                + " while starting; see "
                                + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        close();
        throw new PlatformException(name + " was not ready within " + timeout + "; see " + log);
    }

    String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", e);
        }
    }
}
