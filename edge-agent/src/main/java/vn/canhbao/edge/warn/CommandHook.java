package vn.canhbao.edge.warn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured executable for each {@link SirenCommand}, one at a time, in order, on its own
 * thread ({@code canhbao-warn-hook}): a slow or hanging hook never blocks readings.
 *
 * <p>Each run gets the command's arguments and environment (see {@link SirenCommand}), stdin
 * closed, stdout and stderr merged; a run still going after the timeout is killed (its process
 * tree, forcibly) and counted as timed out. Exit code 0 is success; anything else is counted as a
 * failure and logged with its output. Nothing is retried: the next instruction (or the next
 * transition) is the retry, because replaying an old "on" after an "off" would be worse.
 */
public final class CommandHook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHook.class);
    public static final int MAX_OUTPUT_CHARS = 2_000;

    private final List<String> command;
    private final Duration timeout;
    private final ExecutorService executor;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong notStarted = new AtomicLong();

    public CommandHook(List<String> command, Duration timeout) {
        this.command = List.copyOf(Objects.requireNonNull(command, "command"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "canhbao-warn-hook");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public static CommandHook of(LocalWarningsConfig config) {
        return new CommandHook(config.hookCommand(), config.hookTimeout());
    }

    public boolean configured() {
        return !command.isEmpty();
    }

    /** Queues one run; the future completes with its result (never exceptionally). */
    public CompletableFuture<HookResult> fire(SirenCommand cmd) {
        Objects.requireNonNull(cmd, "cmd");
        try {
            return CompletableFuture.supplyAsync(() -> run(cmd), executor);
        } catch (RejectedExecutionException e) {
            notStarted.incrementAndGet();
            LOG.warn("local warning hook is closed; {} not run", cmd.arguments());
            return CompletableFuture.completedFuture(
                    new HookResult(
                            cmd,
                            HookResult.Outcome.NOT_STARTED,
                            OptionalInt.empty(),
                            "closed",
                            Duration.ZERO));
        }
    }

    public HookStats stats() {
        return new HookStats(succeeded.get(), failed.get(), timedOut.get(), notStarted.get());
    }

    /** Counters of hook runs. */
    public record HookStats(long succeeded, long failed, long timedOut, long notStarted) {}

    HookResult run(SirenCommand cmd) {
        if (command.isEmpty()) {
            LOG.info("local warning {} (no hook configured)", cmd.arguments());
            return new HookResult(
                    cmd, HookResult.Outcome.NOT_CONFIGURED, OptionalInt.empty(), "", Duration.ZERO);
        }
        List<String> argv = new ArrayList<>(command);
        argv.addAll(cmd.arguments());
        long start = System.nanoTime();
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("CANHBAO_ACTION", cmd.action().wireName());
            env.put("CANHBAO_LEVEL", Integer.toString(cmd.alert().level().number()));
            env.put("CANHBAO_HAZARD", cmd.alert().hazard().wireName());
            env.put("CANHBAO_SITE", cmd.alert().site().value());
            env.put("CANHBAO_ALERT_ID", cmd.alert().alertId());
            env.put("CANHBAO_RULE", cmd.alert().ruleId());
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            notStarted.incrementAndGet();
            LOG.error("local warning hook {} could not start: {}", argv, e.toString());
            return new HookResult(
                    cmd,
                    HookResult.Outcome.NOT_STARTED,
                    OptionalInt.empty(),
                    String.valueOf(e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        OutputReader reader = new OutputReader(p.getInputStream());
        reader.start();
        boolean exited;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String output = reader.text();
        if (!exited) {
            timedOut.incrementAndGet();
            LOG.error(
                    "local warning hook {} timed out after {} and was killed; output: {}",
                    argv,
                    timeout,
                    output);
            return new HookResult(
                    cmd, HookResult.Outcome.TIMED_OUT, OptionalInt.empty(), output, took);
        }
        int code = p.exitValue();
        if (code == 0) {
            succeeded.incrementAndGet();
            LOG.info(
                    "local warning hook {} exited 0 in {} ms; output: {}",
                    argv,
                    took.toMillis(),
                    output);
            return new HookResult(
                    cmd, HookResult.Outcome.SUCCEEDED, OptionalInt.of(0), output, took);
        }
        failed.incrementAndGet();
        LOG.error("local warning hook {} exited {}; output: {}", argv, code, output);
        return new HookResult(cmd, HookResult.Outcome.FAILED, OptionalInt.of(code), output, took);
    }

    /** Stops taking runs; waits up to the timeout plus 2 s for a running one. Idempotent. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Drains the child's output so a chatty hook never blocks on a full pipe. */
    private static final class OutputReader extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputReader(InputStream in) {
            super("canhbao-warn-hook-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT_CHARS * 4 - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(n, room));
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed: keep what was read.
            }
        }

        String text() {
            try {
                join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String s;
            synchronized (kept) {
                s = kept.toString(StandardCharsets.UTF_8).strip();
            }
            return s.length() > MAX_OUTPUT_CHARS ? s.substring(0, MAX_OUTPUT_CHARS) + "…" : s;
        }
    }
}
