package io.acqsim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
            accept(server, packager, reversals, new CopyOnWriteArrayList<>(), 0);
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

    /**
     * The first reversal is not answered either: it stays owed and goes out again, rebuilt from what the
     * protocol kept, before the terminal's next request.
     */
    @Test
    void anUnansweredReversalGoesOutAgainBeforeTheNextRequest() throws Exception {
        GenericPackager packager = Packagers.load(TestHost.PACKAGERS, Profile.ISO87A);
        AtomicInteger reversals = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            accept(server, packager, reversals, received, 1);
            LoadRun.Options o = new LoadRun.Options("127.0.0.1", server.getLocalPort(), Profile.ISO87A, TestHost.PACKAGERS, 1, 1, Rate.MAX,
                    Duration.ofMillis(1000), Duration.ofMillis(200), Mix.parse("purchase=1"), 1);
            LoadResult r = LoadRun.run(o, null);
            assertTrue(r.timeouts() >= 2, r.toString());
            assertEquals(r.timeouts(), r.reversals(), "every timed-out sale was reversed in the end: " + r);
            assertEquals(r.reversals(), reversals.get());
            assertEquals(List.of("0800 000001", "0200 000002", "0400 000002", "0400 000002", "0200 000003", "0400 000003"),
                    received.subList(0, 6), "the owed reversal went out again before the next sale");
        }
    }

    /** Serves every connection to {@code server}; see {@link #serve}. */
    private static void accept(ServerSocket server, GenericPackager packager, AtomicInteger reversals, List<String> received, int ignoredReversals) {
        AtomicInteger toIgnore = new AtomicInteger(ignoredReversals);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s, packager, reversals, received, toIgnore));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /**
     * Notes each request's MTI and STAN; answers 0800 and 0400 with 00 (but leaves the first
     * {@code toIgnore} reversals unanswered) and leaves 0200 unanswered.
     */
    private static void serve(Socket s, GenericPackager packager, AtomicInteger reversals, List<String> received, AtomicInteger toIgnore) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                byte[] b = new byte[in.readUnsignedShort()];
                in.readFully(b);
                ISOMsg m = new ISOMsg();
                m.setPackager(packager);
                m.unpack(b);
                received.add(m.getMTI() + " " + m.getString(11));
                if (m.getMTI().equals("0200")) continue;
                if (m.getMTI().equals("0400") && toIgnore.getAndDecrement() > 0) continue;
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
