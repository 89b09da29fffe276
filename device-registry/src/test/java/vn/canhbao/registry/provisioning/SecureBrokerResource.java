package vn.canhbao.registry.provisioning;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vn.canhbao.testsupport.FreePorts;

/**
 * Points the registry's CA, broker-file export and MQTT client at a temporary folder and a free
 * port, and hands the test a {@link SecureBroker} to start there once the registry wrote the files.
 */
public class SecureBrokerResource implements QuarkusTestResourceLifecycleManager {
    private SecureBroker broker;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("registry-tls-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = FreePorts.next();
        Path export = dir.resolve("broker-files");
        broker = new SecureBroker(dir.resolve("mosquitto"), export, port);
        return Map.of(
                "canhbao.provisioning.ca.dir", dir.resolve("ca").toString(),
                "canhbao.provisioning.ca.key-password", "only-for-tests",
                "canhbao.provisioning.broker.export-dir", export.toString(),
                "canhbao.provisioning.broker.address", broker.uri(),
                "canhbao.provisioning.mqtt.uri", broker.uri(),
                "canhbao.provisioning.mqtt.interval", "300ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.MatchesType(SecureBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
