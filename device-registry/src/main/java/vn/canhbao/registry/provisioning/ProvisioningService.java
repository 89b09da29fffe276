package vn.canhbao.registry.provisioning;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;
import vn.canhbao.contracts.GatewayId;
import vn.canhbao.contracts.MqttTopics;
import vn.canhbao.registry.api.Fields;
import vn.canhbao.registry.api.RegistryException;
import vn.canhbao.registry.audit.AuditLog;
import vn.canhbao.registry.broker.BrokerFiles;
import vn.canhbao.registry.ca.CertificateAuthority;
import vn.canhbao.registry.ca.IssuedCertificates;
import vn.canhbao.registry.ca.RegistryCa;
import vn.canhbao.registry.db.Jdbc;
import vn.canhbao.registry.distribution.GatewayConfigs;
import vn.canhbao.registry.gateway.GatewayRepository;
import vn.canhbao.registry.security.CurrentActor;

/**
 * Claim codes, certificate issuance for a claiming gateway, and revocation.
 *
 * <p>A claim code is single use: the claim locks the code's row, checks it (exists, this gateway,
 * unused, not withdrawn, not expired), marks it used and records the new certificate in one
 * transaction, so two concurrent claims with one code cannot both succeed. A refused claim changes
 * nothing. Creating a new code for a gateway withdraws its unused older ones.
 */
@ApplicationScoped
public class ProvisioningService {
    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);

    private final Jdbc jdbc;
    private final GatewayRepository gateways;
    private final RegistryCa ca;
    private final IssuedCertificates certificates;
    private final GatewayConfigs configs;
    private final BrokerFiles brokerFiles;
    private final ProvisioningConfig config;
    private final AuditLog audit;
    private final CurrentActor actor;

    /** What the audit log records of a claim code: never the code itself. */
    record ClaimCodeAudit(String gatewayId, Instant expiresAt, int withdrawnOlderCodes) {}

    /** What the audit log records of a gateway's certificates. */
    record CertificatesAudit(String gatewayId, List<String> unrevokedSerials) {}

    /** What the audit log records of a claim: the certificate issued. */
    record ClaimAudit(String gatewayId, String serial, Instant notAfter) {}

    /** What the audit log records of a revocation. */
    record RevocationAudit(
            String gatewayId,
            String reason,
            List<String> revokedSerials,
            int withdrawnClaimCodes,
            List<String> unrevokedSerials) {}

    public ProvisioningService(
            Jdbc jdbc,
            GatewayRepository gateways,
            RegistryCa ca,
            IssuedCertificates certificates,
            GatewayConfigs configs,
            BrokerFiles brokerFiles,
            ProvisioningConfig config,
            AuditLog audit,
            CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
        this.jdbc = jdbc;
        this.gateways = gateways;
        this.ca = ca;
        this.certificates = certificates;
        this.configs = configs;
        this.brokerFiles = brokerFiles;
        this.config = config;
    }

    /**
     * A new one-time claim code for an existing gateway, valid for {@code
     * canhbao.provisioning.claim.validity}.
     *
     * @throws RegistryException 404 when the gateway does not exist
     */
    public ClaimCodeView newClaimCode(String id) {
        GatewayId gateway = Fields.parse(id, "id", GatewayId::of);
        String code = ClaimCodes.generate();
        Instant expires = Instant.now().plus(config.claim().validity());
        String who = actor.name();
        jdbc.inTransaction(
                c -> {
                    if (gateways.find(c, gateway).isEmpty()) {
                        throw RegistryException.notFound("gateway", gateway);
                    }
                    int withdrawn;
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE claim_codes SET withdrawn_at = now() WHERE gateway_id"
                                            + " = ? AND used_at IS NULL AND withdrawn_at IS NULL")) {
                        ps.setString(1, gateway.value());
                        withdrawn = ps.executeUpdate();
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO claim_codes (code_hash, gateway_id, expires_at)"
                                            + " VALUES (?, ?, ?)")) {
                        ps.setString(1, ClaimCodes.hash(code));
                        ps.setString(2, gateway.value());
                        ps.setTimestamp(3, Timestamp.from(expires));
                        ps.executeUpdate();
                    }
                    audit.record(
                            c,
                            who,
                            "create",
                            "claim-code",
                            gateway.value(),
                            null,
                            new ClaimCodeAudit(gateway.value(), expires, withdrawn));
                    return null;
                });
        String uri = "canhbao-claim:" + gateway.value() + ":" + code;
        LOG.infof("claim code issued for gateway %s, expires %s", gateway, expires);
        return new ClaimCodeView(gateway.value(), code, expires, uri, QrSvg.of(uri));
    }

    /**
     * Checks the claim code and signs the gateway's CSR.
     *
     * @throws ContractViolation 400 naming {@code gatewayId}, {@code claimCode} or {@code csr}
     * @throws ClaimRefused 403 naming {@code claimCode}
     */
    public ClaimResult claim(ClaimBody body) {
        Fields.required(body, "body");
        GatewayId gateway = Fields.parse(body.gatewayId(), "gatewayId", GatewayId::of);
        String code = Fields.required(body.claimCode(), "claimCode");
        if (ClaimCodes.normalize(code).isEmpty()) {
            throw new ContractViolation("claimCode", code, "expected the code XXXX-XXXX-XXXX");
        }
        PublicKey key = CertificateAuthority.verifiedKey(body.csr(), "csr");
        Optional<String> cn = CertificateAuthority.commonName(body.csr());
        if (cn.isPresent() && !cn.get().equals(gateway.value())) {
            throw new ContractViolation(
                    "csr", cn.get(), "the request's CN must be the gateway id " + gateway.value());
        }
        X509Certificate cert =
                jdbc.inTransaction(
                        c -> {
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "SELECT gateway_id, expires_at, used_at, withdrawn_at"
                                                    + " FROM claim_codes WHERE code_hash = ? FOR"
                                                    + " UPDATE")) {
                                ps.setString(1, ClaimCodes.hash(code));
                                try (ResultSet rs = ps.executeQuery()) {
                                    if (!rs.next()) {
                                        throw new ClaimRefused("unknown claim code");
                                    }
                                    if (!rs.getString(1).equals(gateway.value())) {
                                        throw new ClaimRefused(
                                                "issued for another gateway, not "
                                                        + gateway.value());
                                    }
                                    if (rs.getTimestamp(3) != null) {
                                        throw new ClaimRefused(
                                                "already used at "
                                                        + rs.getTimestamp(3).toInstant());
                                    }
                                    if (rs.getTimestamp(4) != null) {
                                        throw new ClaimRefused(
                                                "withdrawn (a newer code was issued or the"
                                                        + " gateway was revoked)");
                                    }
                                    Instant expires = rs.getTimestamp(2).toInstant();
                                    if (!expires.isAfter(Instant.now())) {
                                        throw new ClaimRefused("expired at " + expires);
                                    }
                                }
                            }
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "UPDATE claim_codes SET used_at = now() WHERE"
                                                    + " code_hash = ?")) {
                                ps.setString(1, ClaimCodes.hash(code));
                                ps.executeUpdate();
                            }
                            X509Certificate issued =
                                    ca.get()
                                            .issue(
                                                    CertificateAuthority.Kind.GATEWAY,
                                                    key,
                                                    gateway.value(),
                                                    Optional.of(gatewayUri(gateway)),
                                                    List.of(),
                                                    config.ca().certificateValidity());
                            certificates.insert(
                                    c,
                                    CertificateAuthority.Kind.GATEWAY,
                                    gateway.value(),
                                    Optional.of(gateway),
                                    issued);
                            // The claimant is the gateway holding the one-time code (the claim
                            // is not made with a user's credentials).
                            audit.record(
                                    c,
                                    "gateway:" + gateway.value(),
                                    "claim",
                                    "gateway-certificate",
                                    gateway.value(),
                                    null,
                                    new ClaimAudit(
                                            gateway.value(),
                                            issued.getSerialNumber().toString(16),
                                            issued.getNotAfter().toInstant()));
                            return issued;
                        });
        LOG.infof(
                "gateway %s claimed: certificate %s valid until %s",
                gateway, cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
        return new ClaimResult(
                gateway.value(),
                cert.getSerialNumber().toString(16),
                cert.getNotAfter().toInstant(),
                CertificateAuthority.pem(cert),
                ca.get().certificatePem(),
                config.broker().address(),
                new ClaimResult.Topics(
                        MqttTopics.telemetry(gateway),
                        MqttTopics.events(gateway),
                        MqttTopics.state(gateway),
                        MqttTopics.config(gateway),
                        MqttTopics.configAck(gateway)),
                configs.load(gateway)
                        .map(GatewayConfigs.GatewayConfig::json)
                        .orElseThrow(() -> RegistryException.notFound("gateway", gateway)));
    }

    /**
     * Revokes every certificate of a gateway and withdraws its unused claim codes, then rewrites
     * the exported CRL. The gateway may be claimed again later with a new code (replacement
     * hardware); the revoked serials stay on the CRL until they expire.
     *
     * @throws RegistryException 404 when the gateway does not exist
     * @throws ContractViolation 400 naming {@code reason}
     */
    public RevocationView revoke(String id, RevokeBody body) {
        GatewayId gateway = Fields.parse(id, "id", GatewayId::of);
        String reason =
                body == null || body.reason() == null
                        ? "decommissioned"
                        : body.reason().strip().toLowerCase(Locale.ROOT);
        if (!reason.equals("decommissioned") && !reason.equals("stolen")) {
            throw new ContractViolation(
                    "reason", body.reason(), "expected decommissioned or stolen");
        }
        String who = actor.name();
        List<String> serials =
                jdbc.inTransaction(
                        c -> {
                            if (gateways.find(c, gateway).isEmpty()) {
                                throw RegistryException.notFound("gateway", gateway);
                            }
                            int withdrawn;
                            try (PreparedStatement ps =
                                    c.prepareStatement(
                                            "UPDATE claim_codes SET withdrawn_at = now() WHERE"
                                                    + " gateway_id = ? AND used_at IS NULL AND"
                                                    + " withdrawn_at IS NULL")) {
                                ps.setString(1, gateway.value());
                                withdrawn = ps.executeUpdate();
                            }
                            List<String> revoked =
                                    certificates.revokeGateway(c, gateway, reason).stream()
                                            .map(s -> s.toString(16))
                                            .toList();
                            // Revocation covers every unrevoked certificate: those were active.
                            audit.record(
                                    c,
                                    who,
                                    "revoke",
                                    "gateway-certificate",
                                    gateway.value(),
                                    new CertificatesAudit(gateway.value(), revoked),
                                    new RevocationAudit(
                                            gateway.value(),
                                            reason,
                                            revoked,
                                            withdrawn,
                                            List.of()));
                            return revoked;
                        });
        LOG.infof("gateway %s revoked (%s): certificates %s", gateway, reason, serials);
        brokerFiles.exportQuietly();
        return new RevocationView(gateway.value(), reason, serials);
    }

    /** The SAN URI naming a gateway in its certificate. */
    public static String gatewayUri(GatewayId gateway) {
        return "urn:canhbao:gateway:" + gateway.value();
    }
}
