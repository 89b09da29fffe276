package vn.canhbao.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.canhbao.testsupport.KafkaBroker;
import vn.canhbao.testsupport.PostgresServer;

/**
 * Starts a real PostgreSQL and a real Kafka broker on free ports for the registry's
 * {@code @QuarkusTest}s and points the application at them. Tests get the broker injected into a
 * field of type {@link KafkaBroker} (to read the topic, or to stop and restart it).
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private Path dir;
    private PostgresServer postgres;
    private KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("registry-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = PostgresServer.start(dir.resolve("postgres"));
        postgres.createDatabase("registry");
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("registry"),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "canhbao.registry.publish.interval", "1s",
                "canhbao.registry.publish.ack-timeout", "3s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(kafka, new TestInjector.MatchesType(KafkaBroker.class));
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
