package io.acqsim.fuzz;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.iso.TerminalMessage;
import io.acqsim.message.Dialect;
import io.acqsim.message.FormatError;
import io.acqsim.message.Outcome;
import io.acqsim.message.ResponseCode;
import io.acqsim.message.TerminalRequest;

/**
 * The host's request path for a byte stream as a terminal would send it on one connection, without the
 * socket: the profile's channel (configured as deploy/1x_server_*.xml configures it) reads frame after
 * frame — length prefix, cup header, GenericPackager unpack — then the dialect decodes each message and
 * builds and packs the response the host would send (approved when it decodes, else the format error's
 * code). The channel may end the stream with an IOException or ISOException (the host then closes that
 * connection); decoding may refuse with a FormatError; building a response may fail with an ISOException
 * (the host logs it). Each with a message. Nothing else may escape.
 */
final class FrameFeed {
    static final int MAX_FRAME = 8192;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-10-01T02:00:00Z");

    private FrameFeed() {
    }

    /** Feeds {@code stream}; returns how many of its messages decoded into a request. */
    static int feed(Profile profile, byte[] stream) throws Exception {
        GenericPackager packager = Packagers.load(TestHost.PACKAGERS, profile);
        TerminalChannel channel = profile == Profile.CUP ? new CupReader(stream) : new Iso87aReader(stream);
        channel.setPackager(packager);
        SimpleConfiguration cfg = new SimpleConfiguration();
        cfg.put("max-packet-length", String.valueOf(MAX_FRAME));
        channel.setConfiguration(cfg);
        Dialect dialect = Dialect.of(profile);
        int decoded = 0;
        while (true) {
            ISOMsg m;
            try {
                m = channel.receive();
            } catch (EOFException e) {
                return decoded; // the stream ended between or inside frames: the peer hung up
            } catch (IOException | ISOException e) {
                Contract.requireMessage(e);
                return decoded; // the host closes this connection
            }
            if (answer(dialect, packager, m)) decoded++;
        }
    }

    /** Whether {@code m} decoded into a request. */
    private static boolean answer(Dialect dialect, GenericPackager packager, ISOMsg m) throws ISOException {
        Outcome o = new Outcome().capturedAt(NOW).businessDate(LocalDate.ofInstant(NOW, ZONE));
        TerminalRequest decoded = null;
        if (m instanceof TerminalMessage tm && tm.hasFormatError()) {
            Contract.requireText("the channel's format error", tm.formatError());
            o.responseCode(ResponseCode.FORMAT_ERROR);
        } else {
            try {
                decoded = dialect.decode(m);
                o.responseCode(ResponseCode.APPROVED).rrn("000000000001").authCode("123456").hostBatchNumber(1);
            } catch (FormatError e) {
                Contract.requireMessage(e);
                o.responseCode(e.responseCode());
            }
        }
        if (Dialect.responseMti(m.getString(0)) == null) return decoded != null; // a response is not answered
        try {
            ISOMsg r = dialect.respond(m, decoded, o, ZONE);
            r.setPackager(packager);
            r.pack();
        } catch (ISOException e) {
            Contract.requireMessage(e);
        }
        return decoded != null;
    }

    /** A cup channel reading {@code stream} as from a connected socket. */
    private static final class CupReader extends CupChannel {
        CupReader(byte[] stream) throws IOException {
            connect(new StreamSocket(stream));
        }
    }

    /** An iso87a channel reading {@code stream} as from a connected socket. */
    private static final class Iso87aReader extends TerminalChannel {
        Iso87aReader(byte[] stream) throws IOException {
            connect(new StreamSocket(stream));
        }
    }

    /** A connected socket whose peer sent {@code stream} and then closed; what is written to it is dropped. */
    private static final class StreamSocket extends Socket {
        private final InputStream in;

        StreamSocket(byte[] stream) {
            in = new ByteArrayInputStream(stream);
        }

        @Override
        public InputStream getInputStream() { return in; }

        @Override
        public OutputStream getOutputStream() { return OutputStream.nullOutputStream(); }

        @Override
        public InetAddress getInetAddress() { return InetAddress.getLoopbackAddress(); }

        @Override
        public int getPort() { return 40000; }

        @Override
        public boolean isConnected() { return true; }

        @Override
        public void setSoTimeout(int timeout) {
            // the stream never blocks
        }

        @Override
        public void setSoLinger(boolean on, int linger) {
            // nothing to linger on
        }

        @Override
        public void setKeepAlive(boolean on) {
            // nothing to keep alive
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            // nothing to delay
        }
    }
}
