package io.acqsim.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host certificate of the TLS tests, made once per test JVM by keytool (a JVM start each, so not per
 * class) in a temporary directory: a PKCS12 keystore with a random password, and the certificate as PEM
 * for the clients to trust. Names localhost and 127.0.0.1. Nothing of it is committed.
 */
final class TestCertificate {
    record Issued(Path keystore, Path pem, String password) {
        /** The host settings that turn TLS on with this keystore. */
        Map<String, String> hostSettings() {
            return Map.of("host.tls.enabled", "true", "host.tls.keystore", keystore.toString(), "host.tls.keystore-password", password);
        }
    }

    private static Issued issued;

    private TestCertificate() {}

    /** A CA certificate that did not issue the host's: the first of the JDK's CAs, as PEM in {@code dir}. */
    static Path unrelatedCa(Path dir) throws Exception {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        javax.net.ssl.X509TrustManager jdk = (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        byte[] der = jdk.getAcceptedIssuers()[0].getEncoded();
        Path pem = dir.resolve("unrelated-ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    /** A real host with TLS on both terminal ports and this JVM's test certificate, its data directory {@code data}. */
    static io.acqsim.host.TestHost startHost(Path data) {
        System.setProperty("acqsim.home", io.acqsim.host.TestHost.HOME.toString());
        return io.acqsim.host.TestHost.start(data, host().hostSettings());
    }

    static synchronized Issued host() {
        if (issued == null) {
            try {
                Path dir = Files.createTempDirectory("acqsim-tls-test-");
                dir.toFile().deleteOnExit();
                String password = "test-only-" + Long.toHexString(System.nanoTime());
                Path keystore = dir.resolve("host.p12");
                Path pem = dir.resolve("host-cert.pem");
                SelfSignedCertificate.create(keystore, pem, List.of("dns:localhost", "ip:127.0.0.1"), 2, password);
                keystore.toFile().deleteOnExit();
                pem.toFile().deleteOnExit();
                issued = new Issued(keystore, pem, password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return issued;
    }
}
