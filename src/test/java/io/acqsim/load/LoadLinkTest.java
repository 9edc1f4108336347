package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.iso.CupChannel;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.iso.TerminalChannel;
import io.acqsim.terminal.RequestFactory;

/** The generator's own link writes and reads exactly the frames of the host's channels, on both profiles. */
class LoadLinkTest {
    @ParameterizedTest
    @EnumSource(Profile.class)
    void framesAsTheHostsChannelsDo(Profile p) throws Exception {
        GenericPackager packager = Packagers.load(TestHost.PACKAGERS, p);
        RequestFactory requests = new RequestFactory(p, "T0000001", "M00000000000001",
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("UTC")), ZoneId.of("Asia/Shanghai"));
        ISOMsg m = requests.cardPurchase("000042", 7, 1000, "6222021234567890123", "2912", "071");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            TerminalChannel channel = p == Profile.CUP ? new CupChannel("127.0.0.1", port, packager) : new TerminalChannel("127.0.0.1", port, packager);
            byte[] expected = channel.frame((ISOMsg) m.clone(), b -> b);
            try (LoadLink link = new LoadLink(io.acqsim.tls.Connector.plain(), "127.0.0.1", port, p, packager, Duration.ofMillis(300)); Socket peer = server.accept()) {
                link.send(m);
                assertArrayEquals(expected, peer.getInputStream().readNBytes(expected.length));

                assertThrows(SocketTimeoutException.class, link::receive, "nothing came within the timeout");
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {0, 0}); // a keep-alive frame, skipped
                out.write(expected);
                out.flush();
                ISOMsg back = link.receive();
                assertEquals("0200", back.getMTI());
                assertEquals("000042", back.getString(11));
                assertEquals(m.getString(4), back.getString(4));
                if (p == Profile.CUP) assertArrayEquals(m.getHeader(), back.getHeader());

                peer.close();
                assertThrows(EOFException.class, link::receive);
            }
        }
    }
}
