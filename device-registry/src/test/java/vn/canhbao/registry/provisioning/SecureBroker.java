package vn.canhbao.registry.provisioning;

import java.nio.file.Path;
import vn.canhbao.registry.broker.BrokerFiles;
import vn.canhbao.testsupport.MosquittoBroker;

/**
 * A real Mosquitto with a mutual-TLS listener configured from the files the registry exports (CA,
 * server key and certificate, ACL, CRL). Started lazily by the first test that needs it, because
 * the files exist only once the registry has started.
 */
public final class SecureBroker implements AutoCloseable {
    private final Path dir;
    private final Path exportDir;
    private final int port;
    private MosquittoBroker broker;

    SecureBroker(Path dir, Path exportDir, int port) {
        this.dir = dir;
        this.exportDir = exportDir;
        this.port = port;
    }

    public synchronized MosquittoBroker started() {
        if (broker == null) {
            Path files = exportDir.toAbsolutePath();
            String conf =
                    String.join(
                            "\n",
                            "# mutual TLS, identities from the canhbao registry",
                            "user root",
                            "per_listener_settings false",
                            "allow_anonymous false",
                            "persistence false",
                            "listener " + port + " 127.0.0.1",
                            "cafile " + files.resolve(BrokerFiles.CA),
                            "certfile " + files.resolve(BrokerFiles.SERVER_CERT),
                            "keyfile " + files.resolve(BrokerFiles.SERVER_KEY),
                            "require_certificate true",
                            "use_identity_as_username true",
                            "crlfile " + files.resolve(BrokerFiles.CRL),
                            "acl_file " + files.resolve(BrokerFiles.ACL),
                            "");
            broker = MosquittoBroker.startWithConfig(dir, port, conf);
        }
        return broker;
    }

    public String uri() {
        return "ssl://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
