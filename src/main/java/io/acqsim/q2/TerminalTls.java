package io.acqsim.q2;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jpos.iso.GenericSSLSocketFactory;
import org.jpos.iso.ISOException;

import io.acqsim.config.TlsSettings;

/**
 * The server side of TLS on a terminal port, through jPOS's {@link GenericSSLSocketFactory}: it loads the
 * host's keystore (PKCS12 or JKS: jPOS opens it as JKS, which the JDK's compatibility mode extends to
 * PKCS12) and makes the TLS context; no client certificate is asked for. {@link BoundPortSocketFactory}
 * keeps binding the listening socket itself (bind address, ephemeral port, backlog, maintenance refusals)
 * and turns each accepted connection into the server side of a TLS session with {@link #serverSide}. The
 * handshake is not run there, on the accepting thread, where one slow client would hold up every other:
 * it runs on the connection's first read, on the connection's own thread, under its read timeout.
 * The passwords come from the host's settings, never from a descriptor.
 */
final class TerminalTls extends GenericSSLSocketFactory {
    private final TlsSettings settings;
    private SSLSocketFactory sessions;

    TerminalTls(TlsSettings settings) {
        this.settings = settings;
        setKeyStore(settings.keystore().toString());
    }

    /** Loads the keystore and makes the TLS context; a failure names the keystore. */
    void start() throws IOException {
        try {
            sessions = createSocketFactory();
        } catch (ISOException e) {
            Throwable cause = e.getNested() != null ? e.getNested() : e;
            throw new IOException("TLS keystore " + settings.keystore() + ": " + cause.getMessage(), e);
        }
    }

    /** The server side of a TLS session over {@code accepted}; closing it closes {@code accepted}. */
    SSLSocket serverSide(Socket accepted) throws IOException {
        SSLSocket s = (SSLSocket) sessions.createSocket(accepted, null, true);
        s.setUseClientMode(false);
        return s;
    }

    @Override
    protected String getPassword() {
        return settings.keystorePassword();
    }

    @Override
    protected String getKeyPassword() {
        return settings.keyPassword();
    }
}
