package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;

/**
 * Against a host that signs terminals on but never answers a financial request: every request times out
 * after --timeout, its wait is its latency, and each is reversed (0400) as a terminal would.
 */
class LoadTimeoutTest {

    @Test
    void unansweredRequestsAreTimeoutsAndGetReversed() throws Exception {
        GenericPackager packager = Packagers.load(TestHost.PACKAGERS, Profile.ISO87A);
        AtomicInteger reversals = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> serve(s, packager, reversals));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            LoadRun.Options o = new LoadRun.Options("127.0.0.1", server.getLocalPort(), Profile.ISO87A, TestHost.PACKAGERS, 2, 1, Rate.MAX,
                    Duration.ofMillis(1200), Duration.ofMillis(300), Mix.parse("purchase=1"), 1);
            LoadResult r = LoadRun.run(o, null);
            assertTrue(r.timeouts() >= 4, r.toString());
            assertEquals(r.sent(), r.timeouts(), r.toString());
            assertEquals(0, r.errors(), r.toString());
            assertEquals(0, r.approved(), r.toString());
            assertEquals(r.timeouts(), r.reversals(), r.toString());
            assertEquals(r.timeouts(), reversals.get());
            assertTrue(r.latencyMs().p50() >= 300, "a timeout's latency is its wait: " + r.latencyMs());
            assertTrue(r.responseCodes().isEmpty(), r.responseCodes().toString());
        }
    }

    /** Answers 0800 and 0400 with 00, leaves 0200 unanswered. */
    private static void serve(Socket s, GenericPackager packager, AtomicInteger reversals) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                byte[] b = new byte[in.readUnsignedShort()];
                in.readFully(b);
                ISOMsg m = new ISOMsg();
                m.setPackager(packager);
                m.unpack(b);
                if (m.getMTI().equals("0200")) continue;
                if (m.getMTI().equals("0400")) reversals.incrementAndGet();
                ISOMsg r = (ISOMsg) m.clone();
                r.setResponseMTI();
                r.set(39, "00");
                if (m.getMTI().equals("0800")) r.set(60, "000001");
                byte[] p = r.pack();
                out.writeShort(p.length);
                out.write(p);
                out.flush();
            }
        } catch (Exception e) {
            // the terminal went away
        }
    }
}
