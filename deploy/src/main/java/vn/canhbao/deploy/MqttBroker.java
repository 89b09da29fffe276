package vn.canhbao.deploy;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.canhbao.testsupport.FreePorts;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * The MQTT broker of the local platform: Mosquitto when it is installed (what production runs),
 * otherwise HiveMQ Community Edition embedded in this JVM (full MQTT 5, shared subscriptions,
 * persistent sessions), so a machine with only Java still runs the whole platform.
 */
sealed interface MqttBroker extends AutoCloseable {
    /** {@code tcp://127.0.0.1:PORT}. */
    String uri();

    /** Human-readable name for the start-up banner. */
    String description();

    @Override
    void close();

    enum Kind {
        AUTO,
        MOSQUITTO,
        EMBEDDED
    }

    static MqttBroker start(Kind kind, Path dir) {
        boolean mosquitto =
                switch (kind) {
                    case MOSQUITTO -> true;
                    case EMBEDDED -> false;
                    case AUTO -> MosquittoBroker.available();
                };
        return mosquitto
                ? new Mosquitto(MosquittoBroker.start(dir.resolve("mosquitto")))
                : Embedded.start(dir.resolve("hivemq"));
    }

    record Mosquitto(MosquittoBroker broker) implements MqttBroker {
        @Override
        public String uri() {
            return broker.uri();
        }

        @Override
        public String description() {
            return "Mosquitto " + broker.uri();
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    record Embedded(EmbeddedHiveMQ hivemq, int port) implements MqttBroker {
        static Embedded start(Path dir) {
            int port = FreePorts.next();
            try {
                Files.createDirectories(dir.resolve("conf"));
                Files.createDirectories(dir.resolve("data"));
                Files.createDirectories(dir.resolve("extensions"));
                Files.writeString(
                        dir.resolve("conf").resolve("config.xml"),
                        """
                        <?xml version="1.0"?>
                        <hivemq>
                          <listeners>
                            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                          </listeners>
                          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                        </hivemq>
                        """
                                .formatted(port));
            } catch (IOException e) {
                throw new PlatformException("embedded MQTT broker: cannot prepare " + dir, e);
            }
            EmbeddedHiveMQ hivemq =
                    EmbeddedHiveMQ.builder()
                            .withConfigurationFolder(dir.resolve("conf"))
                            .withDataFolder(dir.resolve("data"))
                            .withExtensionsFolder(dir.resolve("extensions"))
                            .build();
            try {
                hivemq.start().join();
            } catch (RuntimeException e) {
                throw new PlatformException(
                        "embedded MQTT broker (HiveMQ CE) did not start in " + dir, e);
            }
            return new Embedded(hivemq, port);
        }

        @Override
        public String uri() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public String description() {
            return "HiveMQ CE embedded " + uri() + " (Mosquitto not installed)";
        }

        @Override
        public void close() {
            try {
                hivemq.stop().join();
                hivemq.close();
            } catch (Exception e) {
                throw new PlatformException("embedded MQTT broker did not stop cleanly", e);
            }
        }
    }
}
