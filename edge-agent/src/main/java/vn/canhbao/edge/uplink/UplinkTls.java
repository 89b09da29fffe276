package vn.canhbao.edge.uplink;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import vn.canhbao.contracts.ContractViolation;

/**
 * The gateway's TLS identity for the uplink: its private key and certificate (PEM, issued by the
 * registry's CA) and the CA certificate(s) it trusts for the broker (PEM).
 *
 * @param caFile PEM with one or more CA certificates that signed the broker's certificate
 * @param certFile PEM with the gateway's certificate (and optionally its chain)
 * @param keyFile PEM with the gateway's private key (PKCS#8 {@code PRIVATE KEY}, or {@code RSA/EC
 *     PRIVATE KEY}), not encrypted
 */
public record UplinkTls(Path caFile, Path certFile, Path keyFile) {
    public UplinkTls {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
    }

    /**
     * Reads the three files into a TLS 1.2/1.3 socket factory presenting the gateway's certificate.
     *
     * @throws ContractViolation naming the file that is missing or unreadable
     */
    public SSLSocketFactory socketFactory() {
        List<X509Certificate> cas = certificates(caFile, "tls.caFile");
        List<X509Certificate> chain = certificates(certFile, "tls.certFile");
        PrivateKey key = privateKey();
        try {
            char[] pw = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("gateway", key, pw, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ts.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new ContractViolation(
                    "tls.keyFile",
                    keyFile.toString(),
                    "key and certificate do not make a TLS identity: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file, String field) {
        try (var in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (var c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new ContractViolation(field, file.toString(), "holds no certificate");
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new ContractViolation(
                    field, file.toString(), "not a readable PEM certificate: " + e.getMessage());
        }
    }

    private PrivateKey privateKey() {
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new ContractViolation(
                    "tls.keyFile",
                    keyFile.toString(),
                    "expected an unencrypted PEM private key, found "
                            + (o == null ? "nothing" : o.getClass().getSimpleName()));
        } catch (IOException e) {
            throw new ContractViolation(
                    "tls.keyFile", keyFile.toString(), "not a readable PEM key: " + e.getMessage());
        }
    }
}
