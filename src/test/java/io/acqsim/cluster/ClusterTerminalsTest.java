package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.acqsim.host.ChildHost;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.json.Json;
import io.acqsim.ledger.TestPostgres;
import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Three nodes in child JVMs on one fresh PostgreSQL schema, and terminals that move between them, each on its own
 * round of the nodes so that at every step the terminals are spread: sign-on at its first node, purchases at the
 * second, at the third a retransmission of one purchase (the original's answer) and the void of another, a refund at
 * the first, a reversal at the second of a purchase taken at the third, and settlement at the third with the terminal's
 * totals, which the host's match. The shared ledger then holds exactly the rows and statuses one host would have, and
 * every node's {@code GET /api/cluster} shows each terminal connected where it last went. Skipped without a PostgreSQL
 * server (ACQSIM_TEST_PG).
 */
@Tag("slow")
class ClusterTerminalsTest {
    static final String CARD = "6222021234567890123";
    static final int TERMINALS = 3;

    private final List<ChildHost> nodes = new ArrayList<>();
    private final List<Terminal> terminals = new ArrayList<>();

    @AfterEach
    void killChildren() throws Exception {
        for (Terminal t : terminals) t.close();
        for (ChildHost n : nodes) n.close();   // whatever failed, no node outlives the test
    }

    @Test
    void terminalsMovingBetweenThreeNodesGetOneHostsAnswersAndLedger() throws Exception {
        String url = TestPostgres.freshSchema();
        for (String name : List.of("a", "b", "c")) nodes.add(ChildHost.on(url).node(name).start());
        for (int k = 0; k < TERMINALS; k++) terminals.add(new Terminal(201 + k, k));

        for (Terminal t : terminals) {
            ISOMsg r = t.at(1).exchange(t.rf.signOn(t.nextStan(), t.batch));
            assertEquals("00", r.getString(39), "sign-on of " + t.tid);
            t.batch = Integer.parseInt(r.getString(60));
        }
        for (Terminal t : terminals) {
            t.at(2);
            for (long amount : new long[] {1_000, 2_000, 3_000}) t.approve(t.purchase(amount));
        }
        for (Terminal t : terminals) {
            ISOMsg first = t.answers.get(1_000L);
            ISOMsg again = t.at(3).exchange((ISOMsg) t.requests.get(1_000L).clone());
            for (int f : new int[] {4, 11, 37, 38, 39}) {
                assertEquals(first.getString(f), again.getString(f), "field " + f + " of the retransmission to node " + t.node.name);
            }
            ISOMsg voided = t.exchange(t.rf.voidSale(t.nextStan(), t.batch, 2_000, t.answers.get(2_000L).getString(37)));
            assertEquals("00", voided.getString(39), "node " + t.node.name + " voids a sale taken at another node");
        }
        for (Terminal t : terminals) {
            ISOMsg refund = t.at(1).exchange(t.rf.refund(t.nextStan(), t.batch, 500, t.answers.get(3_000L).getString(37)));
            assertEquals("00", refund.getString(39), "refund at node " + t.node.name);
        }
        for (Terminal t : terminals) t.at(3).approve(t.purchase(4_000));
        for (Terminal t : terminals) {
            ISOMsg reversed = t.at(2).exchange(t.rf.reversal(t.requests.get(4_000L), false));
            assertEquals("00", reversed.getString(39), "node " + t.node.name + " reverses a purchase taken at another node");
        }
        BatchTotals totals = new BatchTotals(2, 4_000, 1, 500);   // the 1,000 and 3,000 sales; the 500 refund
        for (Terminal t : terminals) {
            ISOMsg settled = t.at(3).exchange(t.rf.settle(t.nextStan(), t.batch, totals));
            assertEquals("00", settled.getString(39), "settlement at node " + t.node.name + ": the host's totals are the terminal's");
        }

        for (Terminal t : terminals) {
            assertEquals(List.of("PURCHASE 1000 APPROVED 0", "PURCHASE 2000 VOIDED 0", "PURCHASE 3000 APPROVED 500", "PURCHASE 4000 REVERSED 0",
                    "REFUND 500 APPROVED 0", "VOID 2000 APPROVED 0"), rows(url, "SELECT kind, amount, status, refunded_amount FROM transactions WHERE tid = '"
                    + t.tid + "' ORDER BY kind, amount"), "the ledger rows of " + t.tid);
            assertEquals(List.of("CLOSED 2 4000 1 500 2 4000 1 500"), rows(url, "SELECT status, terminal_sales_count, terminal_sales_amt, "
                    + "terminal_refund_count, terminal_refund_amt, host_sales_count, host_sales_amt, host_refund_count, host_refund_amt FROM batches "
                    + "WHERE tid = '" + t.tid + "' AND batch_no = " + t.batch), "the batch closed at node " + t.node.name);
        }

        Map<String, Integer> where = new TreeMap<>();
        for (ChildHost n : nodes) where.put(n.name, 0);
        for (Terminal t : terminals) where.merge(t.node.name, 1, Integer::sum);
        assertEquals(Map.of("a", 1, "b", 1, "c", 1), where, "the terminals end spread over the nodes");
        for (ChildHost asked : nodes) {
            ClusterFailoverTest.await(Duration.ofSeconds(10), () -> where.equals(connected(asked)),
                    "node " + asked.name + "'s /api/cluster shows each node's terminal connections " + where);
        }
    }

    /** Terminals connected per node, as {@code GET /api/cluster} at {@code asked} lists them. */
    private static Map<String, Integer> connected(ChildHost asked) {
        HttpResponse<String> r = asked.call("GET", "/api/cluster", null).join();
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Integer> out = new TreeMap<>();
        try {
            for (JsonNode row : Json.mapper().readTree(r.body()).path("nodes")) out.put(row.path("name").asText(), row.path("terminalsConnected").asInt());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
        return out;
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) row.add(rs.getString(i));
                out.add(String.join(" ", row));
            }
        }
        return out;
    }

    /** An emulated terminal that is connected to one node at a time: its k-th round of the nodes starts at node k. */
    private final class Terminal implements AutoCloseable {
        final String tid;
        final RequestFactory rf;
        final Map<Long, ISOMsg> requests = new TreeMap<>();
        final Map<Long, ISOMsg> answers = new TreeMap<>();
        private final int offset;
        private int stan;
        int batch = 1;
        ChildHost node;
        private TerminalLink link;

        Terminal(int n, int offset) {
            this.tid = String.format("T%07d", n);
            this.rf = new RequestFactory(Profile.ISO87A, tid, String.format("M%014d", (n - 1) % 10 + 1), Clock.systemUTC(), ClusterFailoverTest.SHANGHAI);
            this.offset = offset;
        }

        /** Moves to the {@code step}-th node of this terminal's round (1 to 3): a new connection there, the old one closed. */
        Terminal at(int step) throws IOException {
            ChildHost next = nodes.get((step - 1 + offset) % nodes.size());
            if (next != node) {
                close();
                link = new TerminalLink("127.0.0.1", next.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(10));
                node = next;
            }
            return this;
        }

        String nextStan() {
            return String.format("%06d", ++stan);
        }

        ISOMsg purchase(long amount) throws ISOException {
            ISOMsg request = rf.cardPurchase(nextStan(), batch, amount, CARD, "2912", "071");
            requests.put(amount, request);
            return request;
        }

        void approve(ISOMsg request) throws Exception {
            ISOMsg r = exchange(request);
            assertEquals("00", r.getString(39), "purchase at node " + node.name);
            assertNotEquals("", r.getString(37));
            answers.put(Long.parseLong(request.getString(4)), r);
        }

        ISOMsg exchange(ISOMsg request) throws Exception {
            ISOMsg r = link.exchange(request);
            assertNotNull(r, "no answer to " + request.getMTI() + " STAN " + request.getString(11) + " of " + tid + " from node " + node.name);
            return r;
        }

        @Override
        public void close() throws IOException {
            if (link != null) link.close();
            link = null;
        }
    }
}
