package vn.canhbao.edge.config;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.edge.link.ControlLink;

/**
 * Receives the registry's retained config on {@code cb/v1/gw/{gw}/config}, validates it fully,
 * applies it atomically and acknowledges its version on {@code …/config/ack}.
 *
 * <ul>
 *   <li><b>Validation</b>: {@link GatewayConfigMessage#parse} and every registered {@link
 *       ConfigCheck}; the first failure refuses the config: the ack says {@code accepted:false}
 *       with the reason (field, reason, value), the running config is kept.
 *   <li><b>Atomic apply</b>: the config is first stored durably ({@link ConfigStore}), then
 *       published to components by one reference swap; components read {@link #current()} / {@link
 *       #site()} and so see the whole new config or the whole old one. Listeners run after the
 *       swap.
 *   <li><b>Versions</b>: an older version than the running one is ignored and acked {@code
 *       accepted:false, reason "stale…"}; the same version (the retained message redelivered after
 *       every reconnect) is acked {@code accepted:true} again without re-applying.
 *   <li><b>Restart</b>: {@link #start()} loads the stored config first, so the agent runs with the
 *       last good config before the broker is reachable. A stored file that no longer validates is
 *       moved aside ({@code gateway-config.json.bad}) and the agent starts without a config.
 * </ul>
 *
 * <p>Thread-safe; messages are handled one at a time.
 */
public final class RemoteConfig {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteConfig.class);

    private final GatewayId gateway;
    private final ConfigStore store;
    private final ControlLink link;
    private final Clock clock;
    private final List<ConfigCheck> checks = new CopyOnWriteArrayList<>();
    private final List<Consumer<GatewayConfigMessage>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<GatewayConfigMessage> current = new AtomicReference<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong ackFailures = new AtomicLong();
    private volatile Optional<String> lastRefusal = Optional.empty();
    private volatile Optional<Duration> clockBehindAtLeast = Optional.empty();

    public RemoteConfig(GatewayId gateway, ConfigStore store, ControlLink link, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.store = Objects.requireNonNull(store, "store");
        this.link = Objects.requireNonNull(link, "link");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a component's check; call before {@link #start()}. */
    public void addCheck(ConfigCheck check) {
        checks.add(Objects.requireNonNull(check, "check"));
    }

    /** Called after a new config was applied (not for a repeat of the same version). */
    public void addListener(Consumer<GatewayConfigMessage> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Loads the stored config, then subscribes to the config topic. */
    public void start() {
        loadStored();
        link.subscribe(MqttTopics.config(gateway), this::onMessage);
    }

    public Optional<GatewayConfigMessage> current() {
        return Optional.ofNullable(current.get());
    }

    public Optional<SiteConfig> site() {
        return current().map(GatewayConfigMessage::site);
    }

    private void loadStored() {
        Optional<byte[]> stored;
        try {
            stored = store.read();
        } catch (UncheckedIOException e) {
            LOG.error("{}: stored config unreadable; starting without one", gateway, e);
            return;
        }
        if (stored.isEmpty()) {
            LOG.info("{}: no stored config yet; waiting for the registry's", gateway);
            return;
        }
        try {
            GatewayConfigMessage m = validate(stored.get());
            current.set(m);
            LOG.info("{}: running stored config version {}", gateway, m.version());
            listeners.forEach(l -> notify(l, m));
        } catch (ContractViolation e) {
            LOG.error(
                    "{}: stored config {} no longer valid ({}); moved aside, starting without one",
                    gateway,
                    store.file(),
                    e.getMessage());
            store.quarantine();
        }
    }

    /**
     * Handles one config message and acknowledges it.
     *
     * @return the ack sent (or that would have been sent when the link is down), empty when the
     *     message carries no version to acknowledge
     */
    public synchronized Optional<ConfigAck> onMessage(byte[] payload) {
        Instant receivedAt = clock.instant();
        if (payload == null || payload.length == 0) {
            return Optional.empty(); // a retained message being deleted
        }
        long version = GatewayConfigMessage.versionOf(payload);
        GatewayConfigMessage running = current.get();
        if (running != null && version >= 1 && version < running.version()) {
            stale.incrementAndGet();
            LOG.info(
                    "{}: config version {} ignored, running {}",
                    gateway,
                    version,
                    running.version());
            return ack(
                    new ConfigAck(
                            version,
                            false,
                            Optional.of(
                                    "cũ hơn cấu hình đang chạy / stale: running version "
                                            + running.version()),
                            receivedAt));
        }
        GatewayConfigMessage candidate;
        try {
            candidate = validate(payload);
        } catch (ContractViolation e) {
            return refuse(version, e.getMessage(), receivedAt);
        }
        noteClock(candidate, receivedAt);
        if (running != null && candidate.version() == running.version()) {
            return ack(new ConfigAck(version, true, Optional.empty(), receivedAt));
        }
        try {
            store.write(payload);
        } catch (UncheckedIOException e) {
            LOG.error("{}: config version {} not stored", gateway, version, e);
            return refuse(version, "storage: " + e.getMessage(), receivedAt);
        }
        current.set(candidate);
        applied.incrementAndGet();
        LOG.info(
                "{}: config version {} applied ({} sensors)",
                gateway,
                candidate.version(),
                candidate.sensors().size());
        listeners.forEach(l -> notify(l, candidate));
        return ack(new ConfigAck(version, true, Optional.empty(), receivedAt));
    }

    private GatewayConfigMessage validate(byte[] payload) {
        GatewayConfigMessage m = GatewayConfigMessage.parse(payload, gateway);
        for (ConfigCheck c : checks) {
            c.check(m);
        }
        return m;
    }

    private Optional<ConfigAck> refuse(long version, String why, Instant at) {
        refused.incrementAndGet();
        String reason = "Cấu hình bị từ chối / config refused: " + why;
        lastRefusal = Optional.of(reason);
        LOG.warn("{}: config version {} refused, keeping the old one: {}", gateway, version, why);
        if (version < 1) {
            return Optional.empty(); // nothing the registry could match the ack to
        }
        return ack(new ConfigAck(version, false, Optional.of(reason), at));
    }

    private Optional<ConfigAck> ack(ConfigAck ack) {
        try {
            link.publish(MqttTopics.configAck(gateway), ack.toJson(), false);
        } catch (ControlLink.LinkDown e) {
            // The retained config comes again after the reconnect and is acked then.
            ackFailures.incrementAndGet();
            LOG.info("{}: config ack {} not sent: {}", gateway, ack.version(), e.getMessage());
        }
        return Optional.of(ack);
    }

    /**
     * The site's {@code updatedAt} was stamped by the registry's clock before it sent the message,
     * so a receive time earlier than it proves the gateway's clock is behind by at least the
     * difference. It cannot show a clock that is ahead.
     */
    private void noteClock(GatewayConfigMessage m, Instant receivedAt) {
        Duration d = Duration.between(receivedAt, m.site().updatedAt());
        clockBehindAtLeast = Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    private void notify(Consumer<GatewayConfigMessage> l, GatewayConfigMessage m) {
        try {
            l.accept(m);
        } catch (RuntimeException e) {
            LOG.error("{}: a config listener failed for version {}", gateway, m.version(), e);
        }
    }

    public ConfigStats stats() {
        GatewayConfigMessage c = current.get();
        return new ConfigStats(
                c == null ? 0 : c.version(),
                applied.get(),
                refused.get(),
                stale.get(),
                ackFailures.get(),
                lastRefusal,
                clockBehindAtLeast);
    }

    /**
     * Counters for the heartbeat.
     *
     * @param version the running version, 0 for none
     * @param clockBehindAtLeast lower bound of how far the gateway clock is behind the registry's,
     *     from the last config message (zero: no evidence of a slow clock)
     */
    public record ConfigStats(
            long version,
            long applied,
            long refused,
            long stale,
            long ackFailures,
            Optional<String> lastRefusal,
            Optional<Duration> clockBehindAtLeast) {}
}
