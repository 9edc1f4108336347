package io.acqsim.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.SharedHostTest;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Packagers;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.BatchTotals;

/** The emulated terminal against the real host, and against hosts that misbehave on purpose. */
class EmulatedTerminalTest extends SharedHostTest {
    private static final String PAN = "6222021234567890123";

    @TempDir
    Path dir;

    private static EmulatedTerminal terminal(Profile p, int n, TerminalState state, Duration timeout) {
        return terminal(p, n, state, timeout, host.port(p));
    }

    private static EmulatedTerminal terminal(Profile p, int n, TerminalState state, Duration timeout, int port) {
        String tid = String.format("T%07d", n);
        String mid = String.format("M%014d", (n - 1) % 10 + 1);
        RequestFactory rf = new RequestFactory(p, tid, mid, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", port, p, TestHost.PACKAGERS, timeout), rf, state);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyActionAgainstTheHost(Profile p) throws Exception {
        int n = 401 + p.ordinal();
        try (EmulatedTerminal t = terminal(p, n, TerminalState.inMemory(), Duration.ofSeconds(5))) {
            assertEquals("00", t.signOn().responseCode());
            assertEquals("00", t.echo().responseCode());
            var magstripe = t.cardPurchase(1_000, PAN, "2912", "021");
            var chip = t.cardPurchase(2_000, PAN, "2912", "051");
            var contactless = t.cardPurchase(3_000, PAN, "2912", "071");
            var qr = t.qrPurchase(4_000, "6225880123456789012");
            for (var e : List.of(magstripe, chip, contactless, qr)) assertEquals("00", e.responseCode(), e.action());
            assertEquals("00", t.voidSale(chip.rrn()).responseCode());
            assertEquals("00", t.refund(500, contactless.rrn()).responseCode());
            assertEquals("00", t.reverse(qr.request().getString(11)).responseCode());
            assertEquals(new BatchTotals(2, 4_000, 1, 500), t.state().totals(), "the terminal's own view of its batch");
            List<EmulatedTerminal.Exchange> settle = t.settle();
            assertEquals("00", settle.get(settle.size() - 1).responseCode(), "balanced: the terminal and the host agree");
            assertEquals("00", t.signOff().responseCode());
            assertTrue(t.state().settleable().isEmpty(), "a new batch after settlement");
        }
    }

    /** The issuer answers the 68 sale after 1 s; the terminal gives up at 300 ms and reverses it. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void timeoutThenReversalKeepsTheSaleOutOfSettlement(Profile p) throws Exception {
        int n = 411 + p.ordinal();
        try (EmulatedTerminal t = terminal(p, n, TerminalState.inMemory(), Duration.ofMillis(300))) {
            t.signOn();
            var late = t.cardPurchase(6_668, PAN, "2912", "071");
            assertNull(late.response(), "no answer within the terminal's timeout");
            assertNotNull(late.reversal(), "the terminal reversed it");
            assertEquals("00", late.reversal().responseCode());
            assertNull(t.state().pendingReversal(), "the reversal was delivered");
            String tid = String.format("T%07d", n);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            TransactionRecord sale = null;
            while (System.nanoTime() < deadline) {
                sale = host.services().ledger().transactions().stream().filter(x -> x.tid().equals(tid) && x.amount() == 6_668)
                        .findFirst().orElse(null);
                if (sale != null) break;
                Thread.sleep(10);
            }
            assertNotNull(sale, "the late issuer answer reached the ledger");
            assertEquals(TransactionStatus.REVERSED, sale.status());
            assertEquals(BatchTotals.ZERO, host.services().ledger().batchTotals(tid, sale.batchNumber()));
            var settle = t.settle();
            assertEquals("00", settle.get(settle.size() - 1).responseCode(), "nothing to settle on either side");
        }
    }

    /** A host that never answers: the reversal stays owed in the state file and goes out first on the next run. */
    @Test
    void anOwedReversalSurvivesTheTerminalAndGoesOutFirst() throws Exception {
        Path file = dir.resolve("T0000421.json");
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();   // reads, never answers
                } catch (Exception ignored) {
                    // the test closes it
                }
            });
            try (EmulatedTerminal t = terminal(Profile.ISO87A, 421, TerminalState.load(file), Duration.ofMillis(200), silent.getLocalPort())
                    .reversalRepeats(0)) {
                var e = t.cardPurchase(1_000, PAN, "2912", "071");
                assertNull(e.response());
            } catch (java.io.UncheckedIOException reconnectRefused) {
                // after the first timeout the silent host accepts no second connection: the reversal stays owed
            }
        }
        assertNotNull(TerminalState.load(file).pendingReversal(), "written before the request went out, still owed");
        assertTrue(Files.readString(file).contains("pendingReversal"));

        try (EmulatedTerminal t = terminal(Profile.ISO87A, 421, TerminalState.load(file), Duration.ofSeconds(5))) {
            assertEquals("00", t.echo().responseCode());
            List<EmulatedTerminal.Exchange> before = t.takeAutomatic();
            assertEquals(1, before.size(), "the owed reversal went out before the echo");
            assertEquals("0400", before.get(0).request().getString(0));
            assertEquals("25", before.get(0).responseCode(), "the host never saw the original");
            assertNull(TerminalState.load(file).pendingReversal());
        }
    }

    /** A host that first answers with the wrong STAN: the terminal rejects it and waits for the right one. */
    @Test
    void aResponseThatDoesNotMatchIsRejected() throws Exception {
        var packager = Packagers.load(TestHost.PACKAGERS, Profile.ISO87A);
        try (ServerSocket wrongFirst = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = wrongFirst.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    byte[] frame = new byte[in.readUnsignedShort()];
                    in.readFully(frame);
                    ISOMsg req = new ISOMsg();
                    req.setPackager(packager);
                    req.unpack(frame);
                    ISOMsg wrong = (ISOMsg) req.clone();
                    wrong.setResponseMTI();
                    wrong.set(11, "999999");
                    wrong.set(39, "00");
                    ISOMsg right = (ISOMsg) req.clone();
                    right.setResponseMTI();
                    right.set(39, "00");
                    right.set(37, "000000000777");
                    for (ISOMsg m : new ISOMsg[] {wrong, right}) {
                        byte[] b = m.pack();
                        out.writeShort(b.length);
                        out.write(b);
                    }
                    out.flush();
                    in.read();
                } catch (Exception ignored) {
                    // the test closes it
                }
            });
            try (EmulatedTerminal t = terminal(Profile.ISO87A, 431, TerminalState.inMemory(), Duration.ofSeconds(5), wrongFirst.getLocalPort())) {
                var e = t.cardPurchase(1_000, PAN, "2912", "071");
                assertEquals(1, e.rejected().size(), "the answer with the wrong STAN was rejected");
                assertEquals("999999", e.rejected().get(0).getString(11));
                assertEquals("000000000777", e.rrn(), "the matching answer was taken");
                assertNull(t.state().pendingReversal());
            }
        }
    }

    /** cup: a batch mismatch is answered 77 with "sign on again" in the header; the terminal signs on before its next sale. */
    @Test
    void cupSignsOnAgainWhenTheHostAsks() throws Exception {
        TerminalState state = TerminalState.inMemory();
        state.batch(5);
        try (EmulatedTerminal t = terminal(Profile.CUP, 441, state, Duration.ofSeconds(5))) {
            assertEquals("77", t.cardPurchase(1_000, PAN, "2912", "071").responseCode());
            assertTrue(t.mustSignOn());
            assertEquals("00", t.cardPurchase(1_000, PAN, "2912", "071").responseCode());
            List<EmulatedTerminal.Exchange> auto = t.takeAutomatic();
            assertEquals("0800", auto.get(0).request().getString(0), "signed on before the sale");
            assertFalse(t.mustSignOn());
            assertEquals(1, t.state().batch(), "adopted the host's batch number");
        }
    }
}
