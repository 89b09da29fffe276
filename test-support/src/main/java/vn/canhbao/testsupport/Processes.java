package vn.canhbao.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Small helpers for components that run as child processes. */
final class Processes {
    private Processes() {}

    /** The absolute path of {@code command} on PATH or in the usual sbin folders, if any. */
    static java.util.Optional<Path> which(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Waits until 127.0.0.1:port accepts TCP connections, or the process dies, or the timeout
     * passes.
     */
    static void awaitPort(Process process, int port, Duration timeout, String component, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ComponentUnavailable(
                        component
                                + " exited with code "
                                + process.exitValue()
                                + " before listening on port "
                                + port
                                + "; see "
                                + log
                                + ": "
                                + tail(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        process.destroyForcibly();
        throw new ComponentUnavailable(
                component
                        + " did not listen on port "
                        + port
                        + " within "
                        + timeout
                        + "; see "
                        + log);
    }

    static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            String s = Files.readString(log);
            return s.length() > 800 ? s.substring(s.length() - 800) : s;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentUnavailable("interrupted while waiting for a component", e);
        }
    }
}
