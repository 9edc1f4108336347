package io.acqsim.proxy;

import static io.acqsim.proxy.ProxyTesting.PAN;
import static io.acqsim.proxy.ProxyTesting.proxy;
import static io.acqsim.proxy.ProxyTesting.stan;
import static io.acqsim.proxy.ProxyTesting.terminal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/** The proxy in front of the real acqsim host (ephemeral ports), with the terminals' own channels. */
class HostProxyTest {
    private static TestHost host;

    @BeforeAll
    static void startHost() {
        host = TestHost.start(TestHost.tempData());
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void droppedApprovalLeavesTheTerminalWithoutAnswerWhileOtherMessagesPass() throws Exception {
        Profile p = Profile.ISO87A;
        try (FaultProxy proxy = proxy(new InetSocketAddress("127.0.0.1", host.port(p)), p, "drop-response,mti=0200");
             WireClient t = new WireClient(proxy.port(), p)) {
            RequestFactory rf = terminal(p, 901);
            t.send(rf.signOn(stan(1), 1));
            ISOMsg signOn = t.receive(5000);
            assertEquals("00", signOn.getString(39));
            int batch = Integer.parseInt(signOn.getString(60));

            t.send(rf.cardPurchase(stan(2), batch, 1234, PAN, "2912", "051"));
            assertTrue(t.silentFor(1500), "the host's 0210 is dropped");

            t.send(rf.echo(stan(3), batch));
            ISOMsg echo = t.receive(5000);
            assertEquals("0810", echo.getMTI(), "an echo on the same connection is answered");
            assertEquals(stan(3), echo.getString(11));
            assertEquals("00", echo.getString(39));
        }
    }

    @Test
    void cupPurchaseThroughTheProxyIsDelayedByItsRule() throws Exception {
        Profile p = Profile.CUP;
        try (FaultProxy proxy = proxy(new InetSocketAddress("127.0.0.1", host.port(p)), p, "latency,latency=PT0.3S,mti=0200,tid=T0000902");
             TerminalLink link = new TerminalLink("127.0.0.1", proxy.port(), p, TestHost.PACKAGERS, Duration.ofSeconds(5))) {
            RequestFactory rf = terminal(p, 902);
            ISOMsg signOn = link.exchange(rf.signOn(stan(1), 1));
            assertEquals("00", signOn.getString(39));
            int batch = Integer.parseInt(signOn.getString(60).substring(2, 8));

            long t0 = System.nanoTime();
            ISOMsg sale = link.exchange(rf.cardPurchase(stan(2), batch, 1234, PAN, "2912", "051"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("0210", sale.getMTI());
            assertEquals("00", sale.getString(39));
            assertTrue(ms >= 300, "the approval took " + ms + " ms, at least the 300 ms delay");
        }
    }
}
