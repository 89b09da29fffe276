package vn.canhbao.edge.link;

import java.util.function.Consumer;

/**
 * The small part of the uplink that local warnings, remote config and health need: whether the
 * broker is reachable, a subscription and a plain publish. Implemented over the uplink's MQTT
 * connection; tests can use a real broker or a recording fake.
 *
 * <p>Threading: implementations are thread-safe. Handlers run on the link's callback thread and
 * must not block for long.
 */
public interface ControlLink {
    /** True while connected to the broker. */
    boolean isUp();

    /**
     * Subscribes at QoS 1, now and again after every reconnect. Handlers must not throw; an
     * exception is logged by the link and the message acknowledged anyway.
     */
    void subscribe(String topic, Consumer<byte[]> handler);

    /**
     * Publishes at QoS 1 without waiting for the acknowledgement.
     *
     * @throws LinkDown when not connected: the caller decides whether to keep the message
     */
    void publish(String topic, byte[] payload, boolean retained);

    /** Thrown by {@link #publish} when the broker is not reachable. Retriable. */
    final class LinkDown extends RuntimeException {
        public LinkDown(String message) {
            super(message);
        }

        public LinkDown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
