package vn.canhbao.edge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import vn.canhbao.edge.link.ControlLink;

/** A control link for unit tests: records publishes, lets the test deliver messages. */
public final class RecordingLink implements ControlLink {
    public record Published(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public volatile boolean up = true;
    public final List<Published> published = new ArrayList<>();
    public final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public void subscribe(String topic, Consumer<byte[]> handler) {
        handlers.put(topic, handler);
    }

    @Override
    public synchronized void publish(String topic, byte[] payload, boolean retained) {
        if (!up) {
            throw new LinkDown("down");
        }
        published.add(new Published(topic, payload, retained));
    }

    public void deliver(String topic, byte[] payload) {
        handlers.get(topic).accept(payload);
    }
}
