package io.gmerecording.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https identity for a loopback test server (the emulator's, or a tool's own): a key and certificate from a PKCS12
 * keystore, or a self-signed pair for 127.0.0.1/localhost made with the JDK's own keytool (the JDK has no public API
 * to make a certificate). The certificate is written as PEM to a file for clients to trust.
 */
public final class TlsIdentity {

    private final SSLContext context;
    private final Path certificateFile;
    private final Path madeIn;

    private TlsIdentity(SSLContext context, Path certificateFile, Path madeIn) {
        this.context = context;
        this.certificateFile = certificateFile;
        this.madeIn = madeIn;
    }

    /** A fresh self-signed certificate for 127.0.0.1 and localhost, valid a week. */
    public static TlsIdentity selfSigned() {
        try {
            Path dir = Files.createTempDirectory("gme-emulator-tls");
            Path keystore = dir.resolve("emulator.p12");
            char[] password = randomPassword();
            List<String> command = new ArrayList<>();
            Collections.addAll(command, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "emulator", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "7", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", new String(password), "-keypass", new String(password));
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool could not make the emulator's self-signed certificate");
            }
            return load(keystore, password, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the emulator's self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the emulator's certificate", e);
        }
    }

    /** The first key entry of a PKCS12 keystore. */
    public static TlsIdentity fromKeystore(Path keystore, char[] password) {
        try {
            return load(keystore, password, Files.createTempDirectory("gme-emulator-tls"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulator's certificate", e);
        }
    }

    private static TlsIdentity load(Path keystore, char[] password, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Certificate certificate = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    certificate = store.getCertificate(alias);
                    break;
                }
            }
            if (certificate == null) {
                throw new IllegalArgumentException("no key entry in the keystore " + keystore);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            Path pem = dir.resolve("emulator-certificate.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return new TlsIdentity(context, pem, dir);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    /** The server side: a TLS context holding the key. */
    public SSLContext serverContext() {
        return context;
    }

    /** The certificate, PEM, for clients to trust. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** Removes what was made for this identity: the keystore (if made here) and the certificate file. */
    public void delete() {
        try (var files = Files.list(madeIn)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(madeIn);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
