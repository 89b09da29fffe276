package vn.canhbao.edge.adapter;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Test helper: the adapter's own threads are gone after close(). */
public final class AdapterThreads {
    private AdapterThreads() {}

    public static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    public static void awaitGone(String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(name));
    }
}
