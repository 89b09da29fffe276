package vn.canhbao.registry.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.canhbao.registry.provisioning.ProvisioningConfig;

/** Makes the registry's {@link CertificateAuthority} a bean, loaded or created once. */
@ApplicationScoped
public class RegistryCa {

    @Produces
    @Singleton
    CertificateAuthority authority(ProvisioningConfig config) {
        ProvisioningConfig.Ca ca = config.ca();
        return CertificateAuthority.loadOrCreate(
                ca.dir(), ca.name(), ca.validity(), ca.keyPassword(), Clock.systemUTC());
    }
}
