package vn.canhbao.edge.scenario;

import java.nio.file.Path;
import java.util.Objects;

/** Where a scenario comes from: a file, or a resource on this module's class path. */
public sealed interface ScenarioSource {
    String CLASSPATH_PREFIX = "classpath:";

    /** A scenario file on disk. */
    record File(Path path) implements ScenarioSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A class-path resource such as {@code scenarios/flood-rise.json}. */
    record Classpath(String resource) implements ScenarioSource {
        public Classpath {
            Objects.requireNonNull(resource, "resource");
            if (resource.isBlank()) {
                throw new IllegalArgumentException("resource must not be blank");
            }
        }

        @Override
        public String toString() {
            return CLASSPATH_PREFIX + resource;
        }
    }

    static ScenarioSource file(Path path) {
        return new File(path);
    }

    static ScenarioSource classpath(String resource) {
        return new Classpath(resource);
    }

    /**
     * {@code classpath:scenarios/flood-rise.json} names a resource; anything else is a file path.
     */
    static ScenarioSource parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.startsWith(CLASSPATH_PREFIX)
                ? new Classpath(text.substring(CLASSPATH_PREFIX.length()))
                : new File(Path.of(text));
    }
}
