package vn.canhbao.registry.publish;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.contracts.SiteConfig;
import vn.canhbao.registry.RegistryConfig;

/**
 * Writes site configurations to the compacted {@link KafkaTopics#SITE_CONFIG} topic: key the site
 * id, value {@link SiteConfig#CODEC}. The producer is idempotent with {@code acks=all}, so an
 * acknowledged record is on every in-sync replica and retries never duplicate or reorder it. Used
 * by the single relay thread only.
 */
@ApplicationScoped
public class KafkaSiteConfigSink {
    private static final Logger LOG = Logger.getLogger(KafkaSiteConfigSink.class);

    private final RegistryConfig config;
    private final Map<String, Object> producerConfig;
    private final Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private volatile boolean topicReady;

    public KafkaSiteConfigSink(
            RegistryConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        int timeoutMs = (int) config.publish().ackTimeout().toMillis();
        this.producerConfig =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "canhbao-registry",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeoutMs);
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.CLIENT_ID_CONFIG, "canhbao-registry-admin",
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs));
    }

    /**
     * Creates the compacted topic if it does not exist yet; a no-op once it succeeded.
     *
     * @throws SiteConfigPublishException when Kafka cannot be reached in time
     */
    public void ensureTopic() {
        if (topicReady) {
            return;
        }
        NewTopic topic =
                new NewTopic(
                                KafkaTopics.SITE_CONFIG,
                                config.topic().partitions(),
                                config.topic().replicationFactor())
                        .configs(
                                Map.of(
                                        TopicConfig.CLEANUP_POLICY_CONFIG,
                                        TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            try {
                admin.createTopics(List.of(topic))
                        .all()
                        .get(timeout().toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("created compacted topic %s", KafkaTopics.SITE_CONFIG);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                warnUnlessCompacted();
            }
        } catch (ExecutionException e) {
            throw new SiteConfigPublishException(
                    "cannot create topic " + KafkaTopics.SITE_CONFIG, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw new SiteConfigPublishException(
                    "cannot create topic " + KafkaTopics.SITE_CONFIG, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteConfigPublishException(
                    "interrupted while creating topic " + KafkaTopics.SITE_CONFIG, e);
        }
        topicReady = true;
    }

    /**
     * A topic someone else created without compaction would lose old sites' configs to retention.
     */
    private void warnUnlessCompacted()
            throws ExecutionException, TimeoutException, InterruptedException {
        ConfigResource resource =
                new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.SITE_CONFIG);
        Config existing =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .get(resource);
        ConfigEntry policy =
                existing == null ? null : existing.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warnf(
                    "topic %s exists with cleanup.policy=%s, not compact: configurations of unchanged sites "
                            + "will be deleted by retention",
                    KafkaTopics.SITE_CONFIG, policy == null ? "?" : policy.value());
        }
    }

    /**
     * Sends one configuration and blocks until Kafka acknowledged it ({@code acks=all}).
     *
     * @throws SiteConfigPublishException when it is not acknowledged within the ack timeout
     */
    public void publish(SiteConfig site) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(
                        KafkaTopics.SITE_CONFIG,
                        site.site().value(),
                        SiteConfig.CODEC.encode(site));
        String what = "site config " + site.site() + " version " + site.version();
        try {
            producer().send(record).get(timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            discardProducer();
            throw new SiteConfigPublishException("Kafka refused " + what, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            discardProducer();
            throw new SiteConfigPublishException("Kafka did not acknowledge " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SiteConfigPublishException("interrupted while publishing " + what, e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer =
                    new KafkaProducer<>(
                            producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * After a failure the producer may be in a fatal state; the next publication starts a fresh
     * one. Records it still buffers are dropped: the outbox sends the latest version again.
     */
    private synchronized void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private Duration timeout() {
        return config.publish().ackTimeout();
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }
}
