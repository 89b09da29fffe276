package vn.canhbao.registry.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhbao.contracts.ContractViolation;

class CertificateAuthorityTest {

    @TempDir Path dir;

    private CertificateAuthority open(Optional<String> password) {
        return CertificateAuthority.loadOrCreate(
                dir, "test CA", Duration.ofDays(365), password, Clock.systemUTC());
    }

    private static String csr(String cn, KeyPair keys) throws Exception {
        return CertificateAuthority.pem(
                new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
                        .build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(keys.getPrivate())));
    }

    @Test
    void caCreatedOnFirstStartIsLoadedAgainWithItsEncryptedKey() throws Exception {
        CertificateAuthority first = open(Optional.of("secret"));
        CertificateAuthority second = open(Optional.of("secret"));

        assertThat(second.certificate()).isEqualTo(first.certificate());
        Path key = dir.resolve(CertificateAuthority.KEY_FILE);
        assertThat(Files.readString(key)).contains("ENCRYPTED PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        // The reloaded key still signs certificates that verify with the CA certificate.
        KeyPair gw = CertificateAuthority.newEcKeyPair();
        X509Certificate cert =
                second.issue(
                        CertificateAuthority.Kind.GATEWAY,
                        CertificateAuthority.verifiedKey(csr("gw-1", gw), "csr"),
                        "gw-1",
                        Optional.of("urn:canhbao:gateway:gw-1"),
                        List.of(),
                        Duration.ofDays(30));
        cert.verify(first.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=gw-1");
    }

    @Test
    void encryptedKeyCannotBeLoadedWithoutThePassword() {
        open(Optional.of("secret"));
        assertThatThrownBy(() -> open(Optional.empty()))
                .hasMessageContaining("canhbao.provisioning.ca.key-password");
    }

    @Test
    void keyWithoutPasswordIsPlainButOwnerOnly() throws Exception {
        open(Optional.empty());
        Path key = dir.resolve(CertificateAuthority.KEY_FILE);
        assertThat(Files.readString(key)).contains("BEGIN PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void crlListsRevokedSerialsAndVerifiesWithTheCa() throws Exception {
        CertificateAuthority ca = open(Optional.empty());
        KeyPair gw = CertificateAuthority.newEcKeyPair();
        X509Certificate cert =
                ca.issue(
                        CertificateAuthority.Kind.GATEWAY,
                        gw.getPublic(),
                        "gw-2",
                        Optional.empty(),
                        List.of(),
                        Duration.ofDays(30));

        String pem =
                ca.crlPem(
                        List.of(
                                new CertificateAuthority.Revoked(
                                        cert.getSerialNumber(), Instant.now(), true)),
                        7,
                        Duration.ofDays(7));
        X509CRL crl =
                (X509CRL)
                        CertificateFactory.getInstance("X.509")
                                .generateCRL(
                                        new ByteArrayInputStream(
                                                pem.getBytes(StandardCharsets.US_ASCII)));

        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.isRevoked(cert)).isTrue();
        assertThat(crl.getNextUpdate()).isAfter(new java.util.Date());
    }

    @Test
    void unreadableOrForgedCsrIsRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> CertificateAuthority.verifiedKey("hello", "csr"))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("csr"));
        assertThatThrownBy(() -> CertificateAuthority.verifiedKey(null, "csr"))
                .isInstanceOfSatisfying(
                        ContractViolation.class, e -> assertThat(e.field()).isEqualTo("csr"));
        assertThat(
                        CertificateAuthority.commonName(
                                csr("gw-3", CertificateAuthority.newEcKeyPair())))
                .contains("gw-3");
    }
}
