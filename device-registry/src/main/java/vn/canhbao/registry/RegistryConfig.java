package vn.canhbao.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Configuration of the device registry, keys under {@code canhbao.registry}. The Kafka bootstrap
 * servers come from the shared key {@code kafka.bootstrap.servers}; the database from the standard
 * {@code quarkus.datasource.*} keys.
 */
@ConfigMapping(prefix = "canhbao.registry")
public interface RegistryConfig {

    /** Publishing of site configurations to {@code cb.site-config.v1}. */
    Publish publish();

    /** The compacted {@code cb.site-config.v1} topic, created at start if missing. */
    Topic topic();

    interface Publish {
        /**
         * How often the outbox pass looks for sites whose latest version Kafka has not yet
         * acknowledged and republishes them. A committed change also triggers a pass at once.
         */
        @WithDefault("5s")
        Duration interval();

        /**
         * How long one publication may wait for Kafka (metadata and the {@code acks=all}
         * acknowledgement) before the pass gives up until the next one.
         */
        @WithDefault("15s")
        Duration ackTimeout();
    }

    interface Topic {
        /** Partitions of the topic when the registry creates it. */
        @WithDefault("1")
        int partitions();

        /** Replication factor of the topic when the registry creates it (3 in production). */
        @WithDefault("1")
        short replicationFactor();
    }
}
