package vn.canhbao.ops.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.canhbao.ops.alerts.AlertView;
import vn.canhbao.ops.config.OpsConfig;

/**
 * Pushes alert changes to every connected console as Server-Sent Events.
 *
 * <p>Events: {@code ready} once on connect; {@code alert} (data: an {@link AlertView} as JSON)
 * after each committed transition that changed an alert's current state and after each
 * acknowledgement; {@code sites} (data {@code {}}) when site names or places changed. A comment
 * line every {@code canhbao.ops.live.keep-alive} lets dead connections be noticed and removed.
 *
 * <p>Delivery is best effort: a console that was disconnected re-reads {@code GET /api/v1/alerts}
 * when it reconnects. Sends are serialised by one lock, so events never interleave on a sink.
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();
    private final ObjectMapper mapper;
    private final OpsConfig config;
    private final Object sendLock = new Object();
    private volatile Sse sse;
    private ScheduledExecutorService keepAlive;

    public LiveFeed(ObjectMapper mapper, OpsConfig config, MeterRegistry registry) {
        this.mapper = mapper;
        this.config = config;
        registry.gaugeCollectionSize("canhbao.ops.live.consoles", java.util.List.of(), sinks);
    }

    void start(@Observes StartupEvent event) {
        keepAlive =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "ops-live-keepalive");
                            t.setDaemon(true);
                            return t;
                        });
        long periodMillis = config.live().keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(
                this::sendKeepAlive, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        synchronized (sendLock) {
            sinks.forEach(SseEventSink::close);
            sinks.clear();
        }
    }

    /** Registers a console's stream and greets it with a {@code ready} event. */
    public void connect(SseEventSink sink, Sse sse) {
        this.sse = sse;
        synchronized (sendLock) {
            sinks.add(sink);
            send(
                    sink,
                    sse.newEventBuilder()
                            .name("ready")
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, "{}")
                            .reconnectDelay(2000)
                            .build());
        }
    }

    /** Pushes the current state of one alert to every console. */
    public void publishAlert(AlertView alert) {
        publish("alert", alert);
    }

    /** Tells every console that site names or positions changed. */
    public void publishSitesChanged() {
        publish("sites", Map.of());
    }

    /** Number of consoles currently connected. */
    public int connected() {
        return sinks.size();
    }

    private void publish(String name, Object data) {
        Sse current = sse;
        if (current == null || sinks.isEmpty()) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode live event " + name, e);
        }
        OutboundSseEvent event =
                current.newEventBuilder()
                        .name(name)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, json)
                        .build();
        synchronized (sendLock) {
            sinks.forEach(sink -> send(sink, event));
        }
    }

    private void sendKeepAlive() {
        Sse current = sse;
        if (current == null) {
            return;
        }
        try {
            OutboundSseEvent event = current.newEventBuilder().comment("keep-alive").build();
            synchronized (sendLock) {
                sinks.forEach(sink -> send(sink, event));
            }
        } catch (RuntimeException e) {
            // Caught so that the schedule keeps running; the next tick tries again.
            LOG.warnf(e, "Keep-alive to %d consoles failed", sinks.size());
        }
    }

    private void send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) {
            sinks.remove(sink);
            return;
        }
        sink.send(event)
                .whenComplete(
                        (ignored, error) -> {
                            if (error != null) {
                                LOG.debugf("Console stream closed: %s", error.toString());
                                sinks.remove(sink);
                                sink.close();
                            }
                        });
    }
}
