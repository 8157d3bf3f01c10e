package io.gmerecording.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
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
        Path dir;
        try {
            dir = Files.createTempDirectory("gme-emulator-tls");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the emulator's certificate", e);
        }
        try {
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
            return withCertificateFile(readKeystore(keystore, password), password, keystore, dir);
        } catch (IOException e) {
            deleteAll(dir);
            throw new UncheckedIOException("cannot make the emulator's self-signed certificate", e);
        } catch (InterruptedException e) {
            deleteAll(dir);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the emulator's certificate", e);
        } catch (RuntimeException e) {
            deleteAll(dir);
            throw e;
        }
    }

    /**
     * The first key entry of a PKCS12 keystore.
     *
     * @throws IllegalArgumentException naming the keystore and what is wrong with it (missing, unreadable, not
     *     PKCS12, a wrong password, no key entry); nothing is left on disk then
     */
    public static TlsIdentity fromKeystore(Path keystore, char[] password) {
        KeyStore store = readKeystore(keystore, password);
        Path dir;
        try {
            dir = Files.createTempDirectory("gme-emulator-tls");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the emulator's certificate", e);
        }
        try {
            return withCertificateFile(store, password, keystore, dir);
        } catch (IOException e) {
            deleteAll(dir);
            throw new UncheckedIOException("cannot write the emulator's certificate to " + dir, e);
        } catch (RuntimeException e) {
            deleteAll(dir);
            throw e;
        }
    }

    private static KeyStore readKeystore(Path keystore, char[] password) {
        if (!Files.exists(keystore)) {
            throw badKeystore(keystore, "it does not exist", null);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // PKCS12 says a wrong password as an IOException caused by UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw badKeystore(keystore, "the password is wrong", e);
            }
            if (e instanceof AccessDeniedException) {
                throw badKeystore(keystore, "it cannot be read (permission denied)", e);
            }
            throw badKeystore(keystore, "it is not a PKCS12 keystore (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw badKeystore(keystore, "it is not a PKCS12 keystore (" + e.getMessage() + ")", e);
        }
    }

    private static IllegalArgumentException badKeystore(Path keystore, String what, Exception cause) {
        return new IllegalArgumentException("cannot use the keystore " + keystore + ": " + what, cause);
    }

    private static TlsIdentity withCertificateFile(KeyStore store, char[] password, Path keystore, Path dir)
            throws IOException {
        try {
            Certificate certificate = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    certificate = store.getCertificate(alias);
                    break;
                }
            }
            if (certificate == null) {
                throw badKeystore(keystore, "it holds no key entry (a key and its certificate)", null);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            try {
                keys.init(store, password);
            } catch (UnrecoverableKeyException e) {
                throw badKeystore(keystore, "its key has a password other than the keystore's", e);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            Path pem = dir.resolve("emulator-certificate.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return new TlsIdentity(context, pem, dir);
        } catch (GeneralSecurityException e) {
            throw badKeystore(keystore, e.getMessage(), e);
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
        deleteAll(madeIn);
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
