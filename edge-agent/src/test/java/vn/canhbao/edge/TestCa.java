package vn.canhbao.edge;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away certificate authority for TLS tests (EC P-256), written as PEM files. */
final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate cert;

    TestCa(String cn) throws GeneralSecurityException, OperatorCreationException {
        this.name = new X500Name("CN=" + cn);
        this.keys = newKeys();
        X509v3CertificateBuilder b = builder(name, keys, cn);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        this.cert = sign(b);
    }

    /** Writes the CA certificate to {@code file}. */
    Path writeCert(Path file) throws IOException {
        Files.writeString(file, pem(cert));
        return file;
    }

    /**
     * Issues a leaf certificate for {@code cn} (with SAN 127.0.0.1 and localhost) and writes {@code
     * <prefix>.crt} and {@code <prefix>.key} into {@code dir}.
     */
    Path[] issue(String cn, Path dir, String prefix) throws Exception {
        KeyPair leaf = newKeys();
        X509v3CertificateBuilder b = builder(new X500Name("CN=" + cn), leaf, cn);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                        new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")
                        }));
        X509Certificate c = sign(b);
        Path crt = Files.writeString(dir.resolve(prefix + ".crt"), pem(c));
        // PKCS#8 "PRIVATE KEY", which both OpenSSL (Mosquitto) and the agent read.
        Path key =
                Files.writeString(
                        dir.resolve(prefix + ".key"),
                        "-----BEGIN PRIVATE KEY-----\n"
                                + java.util.Base64.getMimeEncoder(
                                                64,
                                                "\n"
                                                        .getBytes(
                                                                java.nio.charset.StandardCharsets
                                                                        .US_ASCII))
                                        .encodeToString(leaf.getPrivate().getEncoded())
                                + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {crt, key};
    }

    private X509v3CertificateBuilder builder(X500Name subject, KeyPair subjectKeys, String cn) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                name == null ? subject : name,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))),
                subject,
                subjectKeys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            b.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
