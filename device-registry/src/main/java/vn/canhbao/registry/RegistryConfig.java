package vn.canhbao.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** Authentication and roles. */
    Auth auth();

    /** Secrets stored encrypted at rest. */
    Secrets secrets();

    /** The consumer of {@code cb.sensor-pending.v1} (unknown sensors reported by ingest). */
    Pending pending();

    interface Pending {
        /** When false, the registry does not consume {@code cb.sensor-pending.v1}. */
        @WithDefault("true")
        boolean enabled();

        /** Kafka consumer group of the registry's pending-sensor consumer. */
        @WithDefault("canhbao-registry-pending")
        String groupId();

        /** Pause before retrying after Kafka or the database failed. */
        @WithDefault("2s")
        Duration retryBackoff();
    }

    interface Auth {
        /**
         * When false, every request is served unauthenticated and audited as {@code anonymous}: for
         * tests and the local demo runner only.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Password of the user {@code admin} (role admin), created at start when no such user
         * exists. Without it, no user is created and nobody can log in until one is inserted.
         */
        Optional<String> bootstrapAdminPassword();

        /**
         * Path prefixes under {@code /api/} served without credentials (the gateway's claim, which
         * carries its own one-time secret).
         */
        @WithDefault("/api/v1/provisioning/claim")
        List<String> publicPaths();

        /**
         * How long a verified password is remembered, so that each request need not hash it; an
         * entry in use is re-verified in the background once half of this has passed.
         */
        @WithDefault("5m")
        Duration cacheTtl();
    }

    interface Secrets {
        /**
         * AES-256 key (32 bytes, base64) that encrypts camera credentials at rest. Without it,
         * cameras can be registered only without credentials.
         */
        Optional<String> cameraKey();
    }

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
