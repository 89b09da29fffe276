package vn.canhbao.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and environment of the shipped systemd unit ({@code dist/canhbao-edge.service}), so
 * that tests and benchmarks start the agent exactly as a gateway does: the flags are the {@code
 * ExecStart} words between the {@code java} executable and {@code -jar}, the environment the {@code
 * Environment=} assignments.
 *
 * <p>Extra flags for experiments: system property {@code canhbao.edge.extraJvmFlags}
 * (space-separated, appended after the unit's).
 */
public record ServiceUnit(Path file, List<String> jvmFlags, Map<String, String> environment) {
    public ServiceUnit {
        jvmFlags = List.copyOf(jvmFlags);
        environment = Map.copyOf(environment);
    }

    /** The unit found from the working directory (module or repository root). */
    public static ServiceUnit load() {
        String given = System.getProperty("canhbao.edge.unit");
        List<Path> candidates =
                given != null
                        ? List.of(Path.of(given))
                        : List.of(
                                Path.of("dist", "canhbao-edge.service"),
                                Path.of("edge-agent", "dist", "canhbao-edge.service"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return parse(p);
            }
        }
        throw new IllegalStateException(
                "systemd unit not found (run from the module or repository root, or set"
                        + " -Dcanhbao.edge.unit): "
                        + candidates);
    }

    static ServiceUnit parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // join continuation lines
        List<String> logical = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : lines) {
            String t = line.strip();
            if (cur.isEmpty() && (t.startsWith("#") || t.startsWith(";"))) {
                continue;
            }
            if (t.endsWith("\\")) {
                cur.append(t, 0, t.length() - 1).append(' ');
            } else {
                cur.append(t);
                logical.add(cur.toString());
                cur.setLength(0);
            }
        }
        List<String> flags = null;
        Map<String, String> env = new LinkedHashMap<>();
        for (String l : logical) {
            if (l.startsWith("ExecStart=")) {
                List<String> words =
                        Arrays.stream(l.substring("ExecStart=".length()).trim().split("\\s+"))
                                .toList();
                int jar = words.indexOf("-jar");
                if (words.isEmpty() || !words.get(0).endsWith("/java") || jar < 0) {
                    throw new IllegalStateException(
                            file + ": ExecStart is not 'java … -jar …': " + l);
                }
                flags = new ArrayList<>(words.subList(1, jar));
            } else if (l.startsWith("Environment=")) {
                for (String a : l.substring("Environment=".length()).trim().split("\\s+")) {
                    String kv = a.replace("\"", "");
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        env.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        if (flags == null) {
            throw new IllegalStateException(file + ": no ExecStart");
        }
        String extra = System.getProperty("canhbao.edge.extraJvmFlags", "").trim();
        if (!extra.isEmpty()) {
            flags.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return new ServiceUnit(file, flags, env);
    }

    @Override
    public String toString() {
        return environment.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + " ")
                        .reduce("", String::concat)
                + String.join(" ", jvmFlags);
    }
}
