package vn.canhbao.registry.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.jboss.logging.Logger;
import vn.canhbao.contracts.ContractViolation;

/**
 * The registry's own certificate authority (plain Java, BouncyCastle for the X.509 structures, the
 * JDK's providers for the cryptography). An EC P-256 key and a self-signed CA certificate are
 * created on first start in a folder and loaded from it afterwards.
 *
 * <p>At rest: the key file ({@code ca.key}) is written with permissions {@code rw-------}; when a
 * password is configured it is also encrypted (PKCS#8, AES-256-CBC, PBKDF2). Without a password it
 * is only protected by the file permissions (a warning is logged at start).
 *
 * <p>Thread-safe: signing uses no shared mutable state.
 */
public final class CertificateAuthority {
    private static final Logger LOG = Logger.getLogger(CertificateAuthority.class);
    static final String KEY_FILE = "ca.key";
    static final String CERT_FILE = "ca.crt";
    private static final String SIGNATURE = "SHA256withECDSA";

    /**
     * BouncyCastle's provider, for the PKCS#8 key encryption only (the JDK lacks its cipher names);
     * passed explicitly, never registered JVM-wide.
     */
    private static final java.security.Provider BC =
            new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** What a certificate is for: its key usages and subject. */
    public enum Kind {
        /** A gateway's client certificate: CN = the gateway id. */
        GATEWAY,
        /** A platform service's client certificate (ingest, registry). */
        SERVICE,
        /** The broker's server certificate. */
        SERVER
    }

    /** An entry of the revocation list. */
    public record Revoked(BigInteger serial, Instant revokedAt, boolean compromised) {}

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
    }

    /**
     * Loads the CA from {@code dir}, or creates it there when the folder holds no CA yet.
     *
     * @param password encrypts the key file when present (and is needed to load it)
     */
    public static CertificateAuthority loadOrCreate(
            Path dir, String name, Duration validity, Optional<String> password, Clock clock) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        try {
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                PrivateKey key = readKey(Files.readString(keyFile), password);
                X509Certificate cert = readCertificate(Files.readString(certFile));
                LOG.infof("registry CA loaded from %s: %s", dir, cert.getSubjectX500Principal());
                return new CertificateAuthority(key, cert, clock);
            }
            Files.createDirectories(dir);
            KeyPair keys = newEcKeyPair();
            Instant now = clock.instant();
            X500Name subject =
                    new X500NameBuilder(BCStyle.INSTANCE)
                            .addRDN(BCStyle.O, "canhbao")
                            .addRDN(BCStyle.CN, name)
                            .build();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            subject,
                            new BigInteger(127, new SecureRandom()).setBit(126),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(validity)),
                            subject,
                            keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = convert(b, keys.getPrivate());
            writePrivate(keyFile, keyPem(keys.getPrivate(), password));
            writeAtomically(certFile, pem(cert));
            LOG.infof(
                    "registry CA created in %s: %s (key %s)",
                    dir,
                    cert.getSubjectX500Principal(),
                    password.isPresent()
                            ? "encrypted with the configured password"
                            : "NOT encrypted, protected by file permissions only");
            return new CertificateAuthority(keys.getPrivate(), cert, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("registry CA: cannot use folder " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new IllegalStateException("registry CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate, PEM. */
    public String certificatePem() {
        return pem(certificate);
    }

    /**
     * Parses and checks a PKCS#10 request: PEM, a valid self-signature, an EC P-256/P-384 or RSA
     * (2048 bits or more) key.
     *
     * @throws ContractViolation naming {@code field} when the request is unusable
     */
    public static PublicKey verifiedKey(String csrPem, String field) {
        if (csrPem == null || csrPem.isBlank()) {
            throw new ContractViolation(field, null, "required: a PEM PKCS#10 request");
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object o = parser.readObject();
            if (!(o instanceof PKCS10CertificationRequest csr)) {
                throw new ContractViolation(
                        field, abbreviate(csrPem), "expected a PEM CERTIFICATE REQUEST");
            }
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            PublicKey key = jca.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new ContractViolation(
                        field, abbreviate(csrPem), "the request's signature does not verify");
            }
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
                throw new ContractViolation(field, abbreviate(csrPem), "RSA key below 2048 bits");
            }
            if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
                throw new ContractViolation(
                        field, abbreviate(csrPem), "expected an EC or RSA public key");
            }
            return key;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ContractViolation cv) {
                throw cv;
            }
            throw new ContractViolation(
                    field, abbreviate(csrPem), "not a readable PKCS#10 request: " + e.getMessage());
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new ContractViolation(
                    field, abbreviate(csrPem), "cannot verify the request: " + e.getMessage());
        }
    }

    /** The common name in a CSR's subject, if it has one. */
    public static Optional<String> commonName(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            if (parser.readObject() instanceof PKCS10CertificationRequest csr) {
                var rdns = csr.getSubject().getRDNs(BCStyle.CN);
                if (rdns.length > 0) {
                    return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Issues a certificate for {@code key}.
     *
     * @param commonName the subject CN: Mosquitto's user name under {@code
     *     use_identity_as_username}
     * @param uriSan a URI subject alternative name, if any
     * @param hostNames DNS names or IP addresses (server certificates)
     */
    public X509Certificate issue(
            Kind kind,
            PublicKey key,
            String commonName,
            Optional<String> uriSan,
            List<String> hostNames,
            Duration validity) {
        Objects.requireNonNull(commonName, "commonName");
        Instant now = clock.instant();
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.O, "canhbao")
                        .addRDN(BCStyle.OU, kind.name().toLowerCase(java.util.Locale.ROOT))
                        .addRDN(BCStyle.CN, commonName)
                        .build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            certificate,
                            new BigInteger(127, random).setBit(126),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(validity)),
                            subject,
                            key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature;
            if (key instanceof RSAPublicKey) {
                usage |= KeyUsage.keyEncipherment;
            }
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(
                            kind == Kind.SERVER
                                    ? KeyPurposeId.id_kp_serverAuth
                                    : KeyPurposeId.id_kp_clientAuth));
            b.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    ext.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> names = new ArrayList<>();
            uriSan.ifPresent(
                    u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
            for (String host : hostNames) {
                names.add(
                        new GeneralName(
                                host.matches("[0-9.]+") || host.contains(":")
                                        ? GeneralName.iPAddress
                                        : GeneralName.dNSName,
                                host));
            }
            if (!names.isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return convert(b, this.key);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("registry CA cannot sign: " + e.getMessage(), e);
        }
    }

    /**
     * A CRL signed by the CA listing {@code revoked}, valid until {@code now + validity}. OpenSSL
     * (so Mosquitto) refuses every client once the CRL's next update has passed: it must be
     * reissued before then.
     */
    public String crlPem(List<Revoked> revoked, long number, Duration validity) {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(certificate, Date.from(now));
            b.setNextUpdate(Date.from(now.plus(validity)));
            for (Revoked r : revoked) {
                b.addCRLEntry(
                        r.serial(),
                        Date.from(r.revokedAt()),
                        r.compromised() ? CRLReason.keyCompromise : CRLReason.cessationOfOperation);
            }
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            X509CRLHolder crl = b.build(signer(this.key));
            StringWriter out = new StringWriter();
            try (PemWriter w = new PemWriter(out)) {
                w.writeObject(new PemObject("X509 CRL", crl.getEncoded()));
            }
            return out.toString();
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("registry CA cannot sign a CRL: " + e.getMessage(), e);
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 support in this JVM", e);
        }
    }

    /** PEM of a certificate or an unencrypted private key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@code text} to {@code file} through a temporary file and an atomic move. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a secret with permissions {@code rw-------} from its creation on. */
    public static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static X509Certificate readCertificate(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (!(o instanceof org.bouncycastle.cert.X509CertificateHolder holder)) {
                throw new IOException("not a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String keyPem(PrivateKey key, Optional<String> password)
            throws OperatorCreationException, IOException {
        if (password.isEmpty()) {
            return pem(new JcaPKCS8Generator(key, null));
        }
        var encryptor =
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setPassword(password.get().toCharArray())
                        .setRandom(new SecureRandom())
                        .setProvider(BC)
                        .build();
        return pem(new JcaPKCS8Generator(key, encryptor));
    }

    private static PrivateKey readKey(String pem, Optional<String> password)
            throws IOException, OperatorCreationException, PKCSException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo info;
            if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                if (password.isEmpty()) {
                    throw new IllegalStateException(
                            "registry CA: the key is encrypted; set canhbao.provisioning.ca.key-password");
                }
                info =
                        encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                        .setProvider(BC)
                                        .build(password.get().toCharArray()));
            } else if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo plain) {
                info = plain;
            } else {
                throw new IOException("registry CA: ca.key holds no private key");
            }
            return converter.getPrivateKey(info);
        }
    }

    private static X509Certificate convert(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
