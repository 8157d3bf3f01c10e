package io.gmerecording.credentials.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A server certificate to trust besides nobody else: a test or staging endpoint with a self-signed certificate (the
 * emulator's {@code --tls}). Verification stays on, host name included; only the set of trusted certificates is this
 * one. Both adapters take it ({@code trustCertificate(Path)}), which is why it lives in the module they share.
 */
public final class TrustedCertificate {

    private final Path file;
    private final X509TrustManager trustManager;
    private final SSLContext sslContext;

    private TrustedCertificate(Path file, X509TrustManager trustManager, SSLContext sslContext) {
        this.file = file;
        this.trustManager = trustManager;
        this.sslContext = sslContext;
    }

    /**
     * Reads an X.509 certificate, PEM or DER.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static TrustedCertificate load(Path file) {
        Objects.requireNonNull(file, "the certificate file must not be null");
        X509Certificate certificate;
        try {
            byte[] bytes = Files.readAllBytes(file);
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the certificate to trust " + file + ": " + e, e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("no X.509 certificate (PEM or DER) in " + file + ": " + e.getMessage(),
                    e);
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("trusted", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            X509TrustManager manager = null;
            for (TrustManager candidate : factory.getTrustManagers()) {
                if (candidate instanceof X509TrustManager) {
                    manager = (X509TrustManager) candidate;
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new TrustedCertificate(file, manager, context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK could not build a trust store for " + file + ": " + e, e);
        }
    }

    /** A TLS context that trusts this certificate only. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The trust manager of {@link #sslContext()}. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public String toString() {
        return "TrustedCertificate[" + file + "]";
    }
}
