package io.acqsim.iso;

import static io.acqsim.iso.Frames.frame;
import static io.acqsim.iso.Frames.pack;
import static io.acqsim.iso.Frames.packager;
import static io.acqsim.iso.Frames.purchase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * Both channels over a real loopback TCP connection: what a terminal writes is what the host's channel
 * reads, and the answer comes back framed as PRODUCT.md §4.1 says. A read timeout keeps a broken
 * exchange from hanging the build.
 */
class ChannelLoopbackTest {
    private static final int TIMEOUT_MS = 10_000;
    private static final byte[] HEADER = {0x60, 0x00, 0x03, 0x01, 0x23, 0x60, 0x31, 0x00, 0x00, 0x00, 0x00};

    @Test
    void cupTerminalAndHostExchangeAFrameWithTheTpduSwapped() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CupChannel terminal = new CupChannel(listener.getInetAddress().getHostAddress(), listener.getLocalPort(), packager(Profile.CUP));
            CupChannel host = new CupChannel(packager(Profile.CUP), listener);
            terminal.setTimeout(TIMEOUT_MS);
            host.setTimeout(TIMEOUT_MS);
            try {
                terminal.connect();
                host.accept(listener);
                ISOMsg request = purchase("000042");
                request.setHeader(HEADER);
                terminal.send(request);

                ISOMsg received = host.receive();
                assertArrayEquals(HEADER, received.getHeader());
                assertEquals("000042", received.getString(11));
                ISOMsg response = (ISOMsg) received.clone();
                response.setResponseMTI();
                response.set(39, "00");
                host.send(response);

                ISOMsg answer = terminal.receive();
                assertEquals("0210", answer.getMTI());
                assertEquals("00", answer.getString(39));
                assertArrayEquals(new byte[] {0x60, 0x01, 0x23, 0x00, 0x03}, java.util.Arrays.copyOf(answer.getHeader(), 5),
                        "the answer goes back to the terminal's address: TPDU destination and source swapped");
            } finally {
                terminal.disconnect();
                host.disconnect();
            }
        }
    }

    @Test
    void iso87aFrameWrittenInTwoPiecesIsAnsweredWithALengthPrefixedFrame() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket terminal = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            terminal.setSoTimeout(TIMEOUT_MS);
            terminal.setTcpNoDelay(true);
            TerminalChannel host = new TerminalChannel(packager(Profile.ISO87A), listener);
            host.setTimeout(TIMEOUT_MS);
            try {
                host.accept(listener);
                byte[] wire = frame(new byte[0], pack(Profile.ISO87A, purchase("000042")));
                OutputStream out = terminal.getOutputStream();
                out.write(wire, 0, 5);
                out.flush();
                out.write(wire, 5, wire.length - 5);
                out.flush();

                ISOMsg received = host.receive();
                assertEquals("000042", received.getString(11));
                ISOMsg response = (ISOMsg) received.clone();
                response.setResponseMTI();
                response.set(39, "00");
                host.send(response);

                DataInputStream in = new DataInputStream(terminal.getInputStream());
                byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                ISOMsg answer = new ISOMsg();
                answer.setPackager(packager(Profile.ISO87A));
                answer.unpack(body);
                assertEquals("0210", answer.getMTI());
                assertEquals("00", answer.getString(39));
                assertEquals("000042", answer.getString(11));
            } finally {
                host.disconnect();
            }
        }
    }
}
