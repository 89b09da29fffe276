package vn.canhbao.registry.broker;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.ca.CertificateAuthority;
import vn.canhbao.registry.ca.IssuedCertificates;
import vn.canhbao.registry.ca.RegistryCa;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.provisioning.ProvisioningConfig;

/**
 * Client certificates of the platform's own services on the broker ({@link AclFile#INGEST}, {@link
 * AclFile#REGISTRY}). Deliberately not exposed over REST until the API has roles: whoever holds one
 * reads every gateway's traffic.
 */
@ApplicationScoped
public class ServiceCertificates {
    private static final Set<String> SERVICES = Set.of(AclFile.INGEST, AclFile.REGISTRY);

    private final Jdbc jdbc;
    private final RegistryCa ca;
    private final IssuedCertificates certificates;
    private final ProvisioningConfig config;
    private final AuditLog audit;

    public ServiceCertificates(
            Jdbc jdbc,
            RegistryCa ca,
            IssuedCertificates certificates,
            ProvisioningConfig config,
            AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.ca = ca;
        this.certificates = certificates;
        this.config = config;
    }

    /**
     * Issues a certificate with CN {@code service} for {@code key}.
     *
     * @throws ContractViolation naming {@code service} when it is not a known service identity
     */
    public X509Certificate issue(String service, PublicKey key) {
        if (!SERVICES.contains(service)) {
            throw new ContractViolation("service", service, "expected one of " + SERVICES);
        }
        X509Certificate cert =
                ca.get()
                        .issue(
                                CertificateAuthority.Kind.SERVICE,
                                key,
                                service,
                                Optional.of("urn:canhbao:service:" + service),
                                List.of(),
                                config.ca().certificateValidity());
        jdbc.inTransaction(
                c -> {
                    certificates.insert(
                            c, CertificateAuthority.Kind.SERVICE, service, Optional.empty(), cert);
                    audit.record(
                            c,
                            "system",
                            "issue",
                            "service-certificate",
                            service,
                            null,
                            IssuedCertificates.Audit.of(
                                    CertificateAuthority.Kind.SERVICE, service, cert));
                    return null;
                });
        return cert;
    }
}
