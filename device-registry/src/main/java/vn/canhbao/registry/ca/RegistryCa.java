package vn.canhbao.registry.ca;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import vn.canhbao.registry.provisioning.ProvisioningConfig;

/**
 * The registry's {@link CertificateAuthority}, loaded or created on first use (not at start, so a
 * registry that never provisions creates no CA folder).
 */
@ApplicationScoped
public class RegistryCa {
    private final ProvisioningConfig config;
    private CertificateAuthority authority;

    public RegistryCa(ProvisioningConfig config) {
        this.config = config;
    }

    public synchronized CertificateAuthority get() {
        if (authority == null) {
            ProvisioningConfig.Ca ca = config.ca();
            authority =
                    CertificateAuthority.loadOrCreate(
                            ca.dir(),
                            ca.name(),
                            ca.validity(),
                            ca.keyPassword(),
                            Clock.systemUTC());
        }
        return authority;
    }
}
