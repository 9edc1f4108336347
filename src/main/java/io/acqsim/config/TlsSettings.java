package io.acqsim.config;

import java.nio.file.Path;

import io.acqsim.tls.HostKeystore;

/**
 * TLS on the terminal ports ({@code host.tls.*}); off unless {@code host.tls.enabled} is true. The
 * passwords stay out of every log and of the rendered deploy descriptors.
 *
 * @param enabled          whether both terminal ports speak TLS
 * @param keystore         the host's key and certificate (PKCS12 or JKS)
 * @param keystorePassword the keystore's password
 * @param keyPassword      the key's password; the keystore's unless set (as keytool makes PKCS12 files)
 * @param certificate      what the keystore holds, as checked at start: subject and expiry
 */
public record TlsSettings(boolean enabled, Path keystore, String keystorePassword, String keyPassword, HostKeystore.Certificate certificate) {
    public static final TlsSettings OFF = new TlsSettings(false, null, null, null, null);

    @Override
    public String toString() {
        return enabled ? "TLS with keystore " + keystore + " (" + certificate.subject() + ", valid until " + certificate.notAfter() + ")" : "no TLS";
    }
}
