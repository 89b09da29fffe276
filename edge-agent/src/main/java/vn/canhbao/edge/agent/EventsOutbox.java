package vn.canhbao.edge.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.edge.link.ControlLink;
import vn.canhbao.edge.warn.AlertJournal;

/**
 * Interim {@link AlertJournal} until the durable journal is merged: alert events wait in memory
 * (bounded, oldest dropped and counted) and go out on {@code cb/v1/gw/{gw}/events}, oldest first,
 * whenever the control link is up. NOT durable: events waiting at a crash are lost.
 */
final class EventsOutbox implements AlertJournal {
    static final int MAX_EVENTS = 10_000;

    private final String topic;
    private final ControlLink link;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    EventsOutbox(GatewayId gateway, ControlLink link) {
        this.topic = MqttTopics.events(gateway);
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public void appendDurably(byte[] payload) {
        synchronized (this) {
            if (pending.size() >= MAX_EVENTS) {
                pending.removeFirst();
                dropped.incrementAndGet();
            }
            pending.addLast(payload);
        }
        flush();
    }

    /** Sends what waits, oldest first, while the link takes it. */
    synchronized void flush() {
        while (!pending.isEmpty() && link.isUp()) {
            try {
                link.publish(topic, pending.peekFirst(), false);
            } catch (ControlLink.LinkDown e) {
                return;
            }
            pending.removeFirst();
            sent.incrementAndGet();
        }
    }

    synchronized int depth() {
        return pending.size();
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }
}
