package vn.canhbao.ops.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Typed configuration of ops-center, prefix {@code canhbao.ops}. The Kafka bootstrap servers are
 * read from {@code kafka.bootstrap.servers}, the database from {@code quarkus.datasource.*}.
 */
@ConfigMapping(prefix = "canhbao.ops")
public interface OpsConfig {

    /**
     * Base URL of the VMS ({@code canhbao.ops.vms-url}); the console links each alert to {@code
     * <vms-url>/api/v1/alerts/<alertId>/clips}. No trailing slash needed.
     */
    @WithDefault("http://127.0.0.1:8083")
    String vmsUrl();

    /** The Kafka consumers of alerts and site configuration. */
    Consumer consumer();

    /** The live feed (Server-Sent Events) to the consoles. */
    Live live();

    interface Consumer {
        /** Start the consumers at all ({@code canhbao.ops.consumer.enabled}). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Consumer group of the alerts consumer ({@code canhbao.ops.consumer.group-id}); the
         * site-configuration consumer uses the same id with the suffix {@code -sites}.
         */
        @WithDefault("ops-center")
        String groupId();

        /** How long one poll waits for records ({@code canhbao.ops.consumer.poll-timeout}). */
        @WithDefault("500ms")
        Duration pollTimeout();

        /**
         * Pause after a failed batch (database down) before the same records are retried ({@code
         * canhbao.ops.consumer.retry-backoff}).
         */
        @WithDefault("2s")
        Duration retryBackoff();
    }

    interface Live {
        /**
         * Interval of the keep-alive comment sent to every connected console, so that dead
         * connections are noticed ({@code canhbao.ops.live.keep-alive}).
         */
        @WithDefault("15s")
        Duration keepAlive();
    }
}
