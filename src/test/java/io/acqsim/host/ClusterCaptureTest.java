package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.iso.Profile;
import io.acqsim.ledger.TcpCut;
import io.acqsim.ledger.TestPostgres;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.TerminalLink;

/**
 * Real hosts in cluster mode ({@code ledger.durability: database}) on one shared PostgreSQL schema: a terminal
 * moving between nodes gets the original answer to a retransmission and may void another node's sale; a node cut
 * off from the database answers 96 rather than approve what it cannot record, and approves again once it is back.
 * Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
class ClusterCaptureTest {

    static Map<String, String> cluster(String url) {
        return Map.of("ledger.url", url, "ledger.durability", "database");
    }

    @Test
    @Tag("slow")
    void aRetransmissionToAnotherNodeGetsTheOriginalAnswerAndItsSaleCanBeVoidedThere() throws Exception {
        String url = TestPostgres.freshSchema();
        try (TestHost a = TestHost.start(TestHost.tempData(), cluster(url)); ChildHost b = ChildHost.on(url).set("ledger.durability", "database").start();
             TestTerminal t = new TestTerminal(a, Profile.ISO87A, 501);
             TerminalLink toB = new TerminalLink("127.0.0.1", b.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(10))) {
            t.signOn();
            ISOMsg sale = t.purchaseRequest(4_200, "071");
            ISOMsg first = t.exchange(sale);
            assertEquals("00", first.getString(39));
            ISOMsg again = toB.exchange((ISOMsg) sale.clone());
            assertNotNull(again, "node B answers the retransmission");
            for (int f : new int[] {4, 11, 37, 38, 39}) assertEquals(first.getString(f), again.getString(f), "field " + f + " from node B");
            assertEquals(1, t.rows().size(), "one charge across both nodes");

            ISOMsg voidSale = t.rf.voidSale(t.nextStan(), t.batch, 4_200, first.getString(37));
            ISOMsg voided = toB.exchange(voidSale);
            assertEquals("00", voided.getString(39), "node B voids node A's sale");
            assertNotEquals(first.getString(37), voided.getString(37), "the nodes issue RRNs from different blocks");
            assertEquals(TransactionStatus.VOIDED, t.recorded(sale).status(), "node A sees node B's void");
            ISOMsg voidAgain = t.exchange((ISOMsg) voidSale.clone());
            assertEquals(voided.getString(37), voidAgain.getString(37), "the void's retransmission to node A gets node B's answer");
            ISOMsg secondVoid = t.exchange(t.rf.voidSale(t.nextStan(), t.batch, 4_200, first.getString(37)));
            assertEquals("12", secondVoid.getString(39), "a sale voided at node B cannot be voided again at node A");

            ISOMsg settled = toB.exchange(t.rf.settle(t.nextStan(), t.batch, new BatchTotals(0, 0, 0, 0)));
            assertEquals("00", settled.getString(39), "node B closes the batch (the sale was voided)");
            t.batch++;
            assertEquals("00", t.purchase(1_500).getString(39), "node A takes the batch node B opened");
            assertEquals(2, t.rows().stream().filter(r -> r.amount() == 1_500).findFirst().orElseThrow().batchNumber());
        }
    }

    /**
     * The original is in flight at node A (its issuer answers in 1 s) when the retransmission reaches node B, which
     * finds nothing in flight and nothing stored, asks its own issuer and writes after A: its write is refused and B
     * answers with A's answer, as one host answers a retransmission of an in-flight request (before: 96).
     */
    @Test
    @Tag("slow")
    void aRetransmissionAtAnotherNodeWhileTheOriginalIsInFlightGetsTheOriginalAnswer() throws Exception {
        String url = TestPostgres.freshSchema();
        Path issuer = Files.createTempFile("acqsim-issuer", ".yml");
        try {
            // node B's issuer as A's in TestHost: the 68 rule answers after 1 s
            Files.writeString(issuer, Files.readString(TestHost.HOME.resolve("cfg/issuer.yml")).replace("timeout: PT40S", "timeout: PT5S")
                    .replace("latency: PT35S", "latency: PT1S"));
            try (TestHost a = TestHost.start(TestHost.tempData(), cluster(url));
                 ChildHost b = ChildHost.on(url).set("ledger.durability", "database").set("files.issuer", issuer.toString()).start();
                 TestTerminal t = new TestTerminal(a, Profile.ISO87A, 503);
                 TerminalLink toB = new TerminalLink("127.0.0.1", b.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(10))) {
                t.signOn();
                ISOMsg sale = t.purchaseRequest(4_268, "071");
                t.send(sale);
                TestTerminal.await("the original in flight at node A", Duration.ofSeconds(5), () -> a.services().inFlight().size() == 1);
                ISOMsg again = toB.exchange((ISOMsg) sale.clone());
                ISOMsg first = t.receive();
                assertNotNull(first, "node A answers the original");
                assertEquals("00", first.getString(39));
                assertNotNull(again, "node B answers the retransmission");
                for (int f : new int[] {4, 11, 37, 38, 39}) assertEquals(first.getString(f), again.getString(f), "field " + f + " from node B");
                assertEquals(1, t.rows().size(), "one charge across both nodes");
            }
        } finally {
            Files.deleteIfExists(issuer);
        }
    }

    @Test
    @Tag("slow")
    void aNodeCutOffFromTheDatabaseAnswers96AndApprovesAgainWhenItIsBack() throws Exception {
        String url = TestPostgres.freshSchema();
        try (TcpCut link = new TcpCut(url); TestHost a = TestHost.start(TestHost.tempData(), cluster(link.through(url)));
             TestTerminal t = new TestTerminal(a, Profile.ISO87A, 502)) {
            t.signOn();
            assertEquals("00", t.purchase(1_000).getString(39));
            link.cut();
            long start = System.nanoTime();
            ISOMsg refused = t.purchase(1_100);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("96", refused.getString(39), "no approval the node cannot record");
            assertTrue(ms < 8_000, "answered after " + ms + " ms");
            link.restore();
            assertEquals("00", t.purchase(1_200).getString(39));
            List<Long> amounts = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT amount FROM transactions ORDER BY id")) {
                while (rs.next()) amounts.add(rs.getLong(1));
            }
            assertEquals(List.of(1_000L, 1_200L), amounts, "the shared ledger holds the approvals, not the refused purchase");
        }
    }
}
