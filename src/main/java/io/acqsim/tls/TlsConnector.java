package io.acqsim.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to a host's terminal port, as a terminal that trusts given CA certificates: the JDK's TLS (1.3 or
 * 1.2), the host's certificate checked against the CAs and against the name or address connected to
 * (as HTTPS does). The handshake is done in {@link #open}, so a host that is not trusted, a port that
 * does not speak TLS, or a host that refuses the client fail at connect with a message saying which.
 */
public final class TlsConnector implements Connector {
    private final SSLSocketFactory factory;
    /** What the certificates are checked against, for messages: "--tls-ca ca.pem" or "the JDK's CA certificates". */
    private final String trusted;

    private TlsConnector(SSLSocketFactory factory, String trusted) {
        this.factory = factory;
        this.trusted = trusted;
    }

    /**
     * Trusts the certificates of a PEM (or DER) file: the CA that issued the host's certificate, or the
     * host's self-signed certificate itself.
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no certificate
     */
    public static TlsConnector trusting(Path caFile) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": cannot read it: " + e.getMessage());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": not a PEM certificate file (-----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (Certificate c : certs) anchors.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            return new TlsConnector(context(tmf), "--tls-ca " + caFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("--tls-ca " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Trusts the JDK's CA certificates (a host whose certificate a public CA issued). */
    public static TlsConnector trustingJdkCas() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return new TlsConnector(context(tmf), "the JDK's CA certificates (give --tls-ca FILE for a private CA)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS cannot start: " + e.getMessage(), e);
        }
    }

    /** {@link #trusting} the file, or {@link #trustingJdkCas} when it is null. */
    public static TlsConnector of(Path caFile) {
        return caFile == null ? trustingJdkCas() : trusting(caFile);
    }

    private static SSLSocketFactory context(TrustManagerFactory tmf) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Override
    public Socket open(String host, int port, Duration timeout) throws IOException {
        Socket tcp = Connector.connect(host, port, timeout);
        SSLSocket s;
        try {
            s = (SSLSocket) factory.createSocket(tcp, host, port, true);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
        try {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout(tcp.getSoTimeout());
            s.startHandshake();
            return s;
        } catch (IOException e) {
            s.close();
            throw new IOException("TLS handshake failed: " + explain(e, timeout), e);
        }
    }

    @Override
    public boolean tls() {
        return true;
    }

    /** Why a handshake failed, in the terms of what to do about it. */
    private String explain(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no TLS answer within " + timeout.toMillis() + " ms; is it a plain TCP port? (the host turns TLS on with host.tls.enabled)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "the host's certificate is not trusted by " + trusted + " (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateException && t.getMessage() != null && t.getMessage().startsWith("No ")) {
                return "the host's certificate is not issued to the name or address connected to (" + t.getMessage()
                        + "); connect with a name it carries, or issue it with this one (bin/acqsim tls-cert --san)";
            }
            if (t instanceof EOFException) {
                return "the host closed the connection during the handshake: is it a plain TCP port, or does it refuse this client?";
            }
        }
        if (e instanceof SSLException && String.valueOf(e.getMessage()).contains("nrecognized SSL message")) {
            return "the host did not answer with TLS: is it a plain TCP port?";
        }
        return e.getMessage();
    }
}
