package vn.canhbao.registry.distribution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.registry.broker.AclFile;
import vn.canhbao.registry.broker.ServiceCertificates;
import vn.canhbao.registry.ca.CertificateAuthority;
import vn.canhbao.registry.ca.RegistryCa;
import vn.canhbao.registry.ca.TlsContexts;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.db.RegistryStorageException;
import vn.canhbao.registry.provisioning.ProvisioningConfig;

/**
 * Distributes each gateway's configuration as a retained message on its config topic and records
 * the gateways' acknowledgements. On only when {@code canhbao.provisioning.mqtt.uri} is set.
 *
 * <p>The registry connects with mutual TLS as {@code service.registry}, with a certificate its own
 * CA issues at start (key in memory only). Every {@code mqtt.interval} (and at start) one thread
 * publishes, QoS 1 retained, the config of every gateway whose last published version is below its
 * site's version, and records the version once the broker acknowledged it (PUBACK). The database is
 * the outbox: a broker outage or a registry restart delays a config but loses none; a config may be
 * published twice (at least once), gateways ignore a version they already run. Acknowledgements
 * arrive at QoS 1 on {@code cb/v1/gw/+/config/ack}; a malformed one is counted and logged, never
 * stored.
 */
@ApplicationScoped
public class GatewayConfigPublisher {
    private static final Logger LOG = Logger.getLogger(GatewayConfigPublisher.class);
    static final String ACK_FILTER = MqttTopics.PREFIX + "+/config/ack";

    private final Jdbc jdbc;
    private final GatewayConfigRepository repository;
    private final GatewayConfigs configs;
    private final ServiceCertificates services;
    private final RegistryCa ca;
    private final ProvisioningConfig config;
    private final Counter published;
    private final Counter acks;
    private final Counter badAcks;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "gateway-config-publisher");
                        t.setDaemon(true);
                        return t;
                    });
    private MqttClient client;
    private MqttConnectionOptions options;
    private volatile boolean failing;

    public GatewayConfigPublisher(
            Jdbc jdbc,
            GatewayConfigRepository repository,
            GatewayConfigs configs,
            ServiceCertificates services,
            RegistryCa ca,
            ProvisioningConfig config,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.configs = configs;
        this.services = services;
        this.ca = ca;
        this.config = config;
        this.published = meters.counter("canhbao.registry.gateway.config.published");
        this.acks = meters.counter("canhbao.registry.gateway.config.acks");
        this.badAcks = meters.counter("canhbao.registry.gateway.config.acks.rejected");
    }

    void onStart(@Observes StartupEvent event) {
        Optional<String> uri = config.mqtt().uri();
        if (uri.isEmpty()) {
            LOG.info(
                    "gateway config distribution over MQTT is off (canhbao.provisioning.mqtt.uri)");
            return;
        }
        executor.execute(() -> setUp(uri.get()));
        long every = config.mqtt().interval().toMillis();
        executor.scheduleWithFixedDelay(this::pass, 0, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.debugf("MQTT close: %s", e.getMessage());
            }
        }
    }

    private void setUp(String uri) {
        try {
            KeyPair keys = CertificateAuthority.newEcKeyPair();
            X509Certificate cert = services.issue(AclFile.REGISTRY, keys.getPublic());
            options = new MqttConnectionOptions();
            options.setSocketFactory(
                    TlsContexts.client(keys.getPrivate(), cert, ca.get().certificate())
                            .getSocketFactory());
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            client = new MqttClient(uri, "canhbao-registry", new MemoryPersistence());
            client.setCallback(new Callback());
        } catch (MqttException | RuntimeException e) {
            LOG.errorf(e, "gateway config distribution cannot start against %s", uri);
        }
    }

    /** Connects if needed, then publishes every outdated gateway config. */
    void pass() {
        if (client == null) {
            return;
        }
        try {
            if (!client.isConnected()) {
                client.connect(options);
                client.subscribe(ACK_FILTER, 1);
                LOG.infof("gateway config distribution connected to %s", client.getServerURI());
            }
            List<GatewayId> outdated = jdbc.inTransaction(repository::outdated);
            for (GatewayId gateway : outdated) {
                Optional<GatewayConfigs.GatewayConfig> message = configs.load(gateway);
                if (message.isEmpty()) {
                    continue;
                }
                MqttMessage m = new MqttMessage(message.get().bytes());
                m.setQos(1);
                m.setRetained(true);
                client.publish(MqttTopics.config(gateway), m);
                jdbc.inTransaction(
                        c -> {
                            repository.markPublished(c, gateway, message.get().version());
                            return null;
                        });
                published.increment();
                LOG.debugf(
                        "gateway %s config version %d retained", gateway, message.get().version());
            }
            if (failing) {
                failing = false;
                LOG.info("gateway config distribution recovered");
            }
        } catch (MqttException | RegistryStorageException e) {
            if (!failing) {
                failing = true;
                LOG.warnf(
                        "gateway config distribution failing (%s); retrying every %s",
                        e.getMessage(), config.mqtt().interval());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure of a gateway config pass");
        }
    }

    /** Records an acknowledgement; malformed ones are counted and logged, not stored. */
    void onAck(String topic, byte[] payload) {
        try {
            GatewayId gateway = MqttTopics.gatewayOf(topic);
            ConfigAck ack = ConfigAck.parse(payload, Instant.now());
            boolean stored = jdbc.inTransaction(c -> repository.insertAck(c, gateway, ack));
            if (stored) {
                acks.increment();
            } else {
                badAcks.increment();
                LOG.warnf("config ack from unknown gateway %s dropped", gateway);
            }
        } catch (ContractViolation e) {
            badAcks.increment();
            LOG.warnf("malformed config ack on %s dropped: %s", topic, e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warnf("gateway config distribution disconnected: %s", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warnf("gateway config distribution MQTT error: %s", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onAck(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
