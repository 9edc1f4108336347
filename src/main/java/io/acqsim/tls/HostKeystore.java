package io.acqsim.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;

/**
 * Checks, before the host starts listening, that a keystore (PKCS12 or JKS, told apart by the JDK) can be
 * opened with its password and holds a private key with its certificate, so that a missing file or a
 * wrong password stops the start with a message instead of failing each connection later.
 */
public final class HostKeystore {
    private HostKeystore() {}

    /** What the host will present: the certificate's subject and expiry. */
    public record Certificate(String alias, String subject, Instant notAfter) {}

    /** @throws IllegalArgumentException saying what is wrong with the file (never echoing a password) */
    public static Certificate check(Path file, char[] storePassword, char[] keyPassword) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("keystore '" + file + "' not found");
        if (!Files.isReadable(file)) throw new IllegalArgumentException("keystore '" + file + "' is not readable by this user");
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(file.toFile(), storePassword);
        } catch (IOException e) {
            throw new IllegalArgumentException("keystore '" + file + "' cannot be opened: "
                    + (e.getCause() instanceof UnrecoverableKeyException ? "wrong password" : e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore '" + file + "' is not a PKCS12 or JKS keystore: " + e.getMessage());
        }
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) continue;
                try {
                    ks.getKey(alias, keyPassword);
                } catch (UnrecoverableKeyException e) {
                    throw new IllegalArgumentException("keystore '" + file + "': the key '" + alias + "' cannot be read with the key password");
                }
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    return new Certificate(alias, c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant());
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore '" + file + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("keystore '" + file + "' holds no private key with a certificate (keytool -genkeypair makes one)");
    }
}
