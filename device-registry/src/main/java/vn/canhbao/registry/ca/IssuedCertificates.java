package vn.canhbao.registry.ca;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.canhbao.contracts.GatewayId;

/** SQL for {@code issued_certificates}, on the caller's connection and transaction. */
@ApplicationScoped
public class IssuedCertificates {

    /** What the audit log records of an issued certificate (no key material). */
    public record Audit(String kind, String subject, String serial, java.time.Instant notAfter) {
        public static Audit of(
                CertificateAuthority.Kind kind,
                String subject,
                java.security.cert.X509Certificate c) {
            return new Audit(
                    kind.name().toLowerCase(java.util.Locale.ROOT),
                    subject,
                    c.getSerialNumber().toString(16),
                    c.getNotAfter().toInstant());
        }
    }

    public void insert(
            Connection c,
            CertificateAuthority.Kind kind,
            String commonName,
            Optional<GatewayId> gateway,
            X509Certificate cert)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO issued_certificates (serial, kind, common_name, gateway_id,"
                                + " not_before, not_after) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setBigDecimal(1, new BigDecimal(cert.getSerialNumber()));
            ps.setString(2, kind.name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(3, commonName);
            ps.setString(4, gateway.map(GatewayId::value).orElse(null));
            ps.setTimestamp(5, new Timestamp(cert.getNotBefore().getTime()));
            ps.setTimestamp(6, new Timestamp(cert.getNotAfter().getTime()));
            ps.executeUpdate();
        }
    }

    /**
     * Revokes every unrevoked certificate of a gateway.
     *
     * @return the serials revoked now
     */
    public List<BigInteger> revokeGateway(Connection c, GatewayId gateway, String reason)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE issued_certificates SET revoked_at = now(), revocation_reason = ?"
                                + " WHERE gateway_id = ? AND revoked_at IS NULL RETURNING serial")) {
            ps.setString(1, reason);
            ps.setString(2, gateway.value());
            List<BigInteger> serials = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    serials.add(rs.getBigDecimal(1).toBigIntegerExact());
                }
            }
            return serials;
        }
    }

    /** Every revoked certificate that has not expired yet (expired ones need no CRL entry). */
    public List<CertificateAuthority.Revoked> revoked(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT serial, revoked_at, revocation_reason FROM"
                                        + " issued_certificates WHERE revoked_at IS NOT NULL AND"
                                        + " not_after > now() ORDER BY serial");
                ResultSet rs = ps.executeQuery()) {
            List<CertificateAuthority.Revoked> list = new ArrayList<>();
            while (rs.next()) {
                list.add(
                        new CertificateAuthority.Revoked(
                                rs.getBigDecimal(1).toBigIntegerExact(),
                                rs.getTimestamp(2).toInstant(),
                                "stolen".equals(rs.getString(3))));
            }
            return list;
        }
    }

    /** The next CRL number (monotonic, from a sequence). */
    public long nextCrlNumber(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('crl_number')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
