package vn.canhbao.ops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.canhbao.contracts.KafkaTopics;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.PostgresServer;

/** Starts a real PostgreSQL and a real Kafka broker for the ops-center integration tests. */
public class OpsTestResources implements QuarkusTestResourceLifecycleManager {
    /** The VMS base URL the tests configure; the console links must start with it. */
    public static final String VMS_URL = "http://vms.test:8083";

    private PostgresServer postgres;
    private KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ops-center-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = PostgresServer.start(dir.resolve("postgres"));
        postgres.createDatabase("ops");
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopic(KafkaTopics.ALERTS, 3, false);
        kafka.createTopic(KafkaTopics.SITE_CONFIG, 1, true);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("ops"),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "canhbao.ops.vms-url", VMS_URL,
                "canhbao.ops.consumer.poll-timeout", "200ms",
                "canhbao.ops.live.keep-alive", "2s");
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
