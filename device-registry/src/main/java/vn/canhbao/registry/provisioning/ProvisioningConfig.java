package vn.canhbao.registry.provisioning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provisioning and broker security, keys under {@code canhbao.provisioning}: the registry's CA,
 * claim codes, the broker files (ACL, CRL) and the config distribution over MQTT.
 */
@ConfigMapping(prefix = "canhbao.provisioning")
public interface ProvisioningConfig {

    Ca ca();

    Claim claim();

    Broker broker();

    Mqtt mqtt();

    interface Ca {
        /** Folder of the CA key ({@code ca.key}) and certificate ({@code ca.crt}). */
        @WithDefault("registry-ca")
        Path dir();

        /**
         * Encrypts the CA key at rest (PKCS#8, AES-256-CBC) when set; without it the key file is
         * only protected by its {@code rw-------} permissions.
         */
        Optional<String> keyPassword();

        /** CN of the CA certificate created on first start. */
        @WithDefault("canhbao registry CA")
        String name();

        /** Validity of the CA certificate created on first start. */
        @WithDefault("87600h")
        Duration validity();

        /** Validity of a gateway's or service's client certificate. */
        @WithDefault("720h")
        Duration certificateValidity();

        /**
         * Validity of a CRL (its next update). The broker refuses every client once it passes, so
         * the registry rewrites the exported CRL every half of it.
         */
        @WithDefault("168h")
        Duration crlValidity();
    }

    interface Claim {
        /** How long a claim code may be used. */
        @WithDefault("24h")
        Duration validity();
    }

    interface Broker {
        /** The broker address the registry gives a gateway when it claims its certificate. */
        @WithDefault("ssl://localhost:8883")
        String address();

        /** DNS names and IP addresses in the broker's server certificate. */
        @WithDefault("localhost,127.0.0.1")
        List<String> hostNames();

        /**
         * When set, the registry writes the broker's files here at start and after each change:
         * {@code ca.crt}, {@code broker.crt} / {@code broker.key} (created once), {@code acl},
         * {@code crl.pem}. Mosquitto rereads the ACL and CRL on SIGHUP.
         */
        Optional<Path> exportDir();
    }

    interface Mqtt {
        /**
         * The broker the registry itself connects to (mutual TLS, identity {@code
         * service.registry}) to publish gateway configs and receive acknowledgements, e.g. {@code
         * ssl://127.0.0.1:8883}. Distribution over MQTT is off when unset.
         */
        Optional<String> uri();

        /** How often the registry looks for gateway configs to (re)publish. */
        @WithDefault("2s")
        Duration interval();
    }
}
