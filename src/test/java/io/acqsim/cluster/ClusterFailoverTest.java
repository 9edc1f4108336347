package io.acqsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.host.ChildHost;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TestPostgres;
import io.acqsim.payout.Payout;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Three nodes in child JVMs on one fresh PostgreSQL schema, on a manual clock: exactly one leads; it takes purchases,
 * then its clock is moved past the cutover and the next payout time, and it dies exactly between the bank's credits
 * and the ledger's PAID ({@code -Dacqsim.crash-at=payout-credited}, an exit as {@code kill -9}'s). Another node must
 * lead within 10 s of real time, and the payout run must be finished within 10 s of the death: every payout paid, each
 * credited once at the bank (the {@code bank_receipts} table) with its net, the credits the dead leader made recognised
 * rather than sent again; followers never ran settlement. Then the second leader is killed with SIGKILL, and the third
 * node must lead within 10 s and take settlement up. And a leader that dies in clearing
 * ({@code -Dacqsim.crash-at=clearing-recorded}: its rows written, not committed) while purchases flow at the other two:
 * another leads within 10 s and clears the date once, its totals those of the date's approvals in the ledger, and pays
 * each payout once. Skipped without a PostgreSQL server (ACQSIM_TEST_PG).
 */
@Tag("slow")
class ClusterFailoverTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
    static final String CARD = "6222021234567890123";

    private final List<ChildHost> nodes = new ArrayList<>();
    private String url;

    @AfterEach
    void killChildren() {
        for (ChildHost n : nodes) n.process.destroyForcibly();   // whatever failed, no node outlives the test
    }

    @Test
    void theLeaderDiesMidPayoutRunAndAnotherFinishesItPayingEachOnceWithinTenSeconds() throws Exception {
        threeNodes(MONDAY.atTime(12, 0).atZone(SHANGHAI).toInstant(), "payout-credited");
        ChildHost a = nodes.get(0);
        ChildHost b = nodes.get(1);
        ChildHost c = nodes.get(2);
        Thread.sleep(2 * LeaderElection.EVERY.toMillis());   // b and c have tried the lock and failed
        assertEquals(new Leader("a", 1), leader(), "exactly one leader: one election, a's");

        try (TerminalLink idle = new TerminalLink("127.0.0.1", b.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(5))) {
            await(Duration.ofSeconds(5), () -> count("SELECT terminals_connected FROM cluster_nodes WHERE name = 'b'") == 1,
                    "b's heartbeat counts the terminal connected to it");
        }

        Set<String> approved = purchases(a, 6, 10);
        assertEquals(60, approved.size(), "every purchase approved");
        await(Duration.ofSeconds(30), () -> count("SELECT count(*) FROM transactions WHERE status = 'APPROVED'") == 60,
                "a's approvals in the shared tables");

        Instant afterPayoutTime = MONDAY.plusDays(1).atTime(10, 0, 30).atZone(SHANGHAI).toInstant();
        CompletableFuture<HttpResponse<String>> move = a.call("POST", "/api/clock/set", clockBody(afterPayoutTime));
        assertTrue(a.process.waitFor(120, TimeUnit.SECONDS), "a stops itself between the bank's credits and the ledger's PAID");
        long died = System.nanoTime();
        assertEquals(137, a.process.exitValue());
        move.exceptionally(e -> null).join();
        long credited = count("SELECT count(*) FROM bank_receipts");
        assertEquals(6, credited, "a credited the six merchants' payouts before it died");
        assertEquals(6, count("SELECT count(*) FROM payouts WHERE status <> 'PAID'"), "and the ledger did not record them");

        await(Duration.ofSeconds(10), () -> leader().epoch() == 2, "another node leads within 10 s");
        double electedAfter = (System.nanoTime() - died) / 1e9;
        Leader next = leader();
        ChildHost now = next.node().equals("b") ? b : c;
        // the clock move a was making goes to the new leader (as the admin API forwards moves to the leader)
        setClock(now, afterPayoutTime);
        await(Duration.ofSeconds(10), () -> count("SELECT count(*) FROM payouts WHERE status = 'PAID'") == 6, "the payout run is finished");
        double paidAfter = (System.nanoTime() - died) / 1e9;
        System.out.printf("cluster failover: new leader %s %.2f s after the leader died, payouts all paid %.2f s after%n", next.node(), electedAfter,
                paidAfter);
        assertTrue(paidAfter <= 10, "payouts resumed and finished within 10 s: " + paidAfter);

        Map<String, Long> net = new HashMap<>();
        Set<String> expected = new HashSet<>();
        for (int n = 1; n <= 6; n++) expected.add(Payout.idFor(MONDAY, String.format("M%014d", n)));
        try (Connection conn = DriverManager.getConnection(url); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, net FROM payouts")) {
            while (rs.next()) net.put(rs.getString(1), rs.getLong(2));
        }
        assertEquals(expected, net.keySet(), "a payout per merchant, none lost");
        Map<String, Long> creditedPerPayout = new HashMap<>();
        Set<Long> epochs = new HashSet<>();
        try (Connection conn = DriverManager.getConnection(url); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT payout_id, amount, epoch FROM bank_receipts")) {
            while (rs.next()) {
                creditedPerPayout.merge(rs.getString(1), rs.getLong(2), Long::sum);
                epochs.add(rs.getLong(3));
            }
        }
        assertEquals(net, creditedPerPayout, "each payout credited once at the bank, with its net");
        assertEquals(Set.of(1L), epochs, "every credit was the dead leader's: the new one recognised them, paid none again");
        assertTrue(logLines(now.data).anyMatch(l -> l.contains("not paid again")), "the new leader says it recorded a's credits");
        ChildHost third = now == b ? c : b;
        assertTrue(logLines(third.data).noneMatch(l -> l.contains("runs settlement") || l.contains("cleared business date")),
                "a follower never ran settlement");

        now.process.destroyForcibly();   // SIGKILL of the second leader: its lease connection dies with it
        assertTrue(now.process.waitFor(10, TimeUnit.SECONDS));
        long killed = System.nanoTime();
        await(Duration.ofSeconds(10), () -> leader().equals(new Leader(third.name, 3)), "the third node leads within 10 s of the kill");
        double thirdAfter = (System.nanoTime() - killed) / 1e9;
        await(Duration.ofSeconds(10), () -> {
            try {
                return logLines(third.data).anyMatch(l -> l.contains("runs settlement (epoch 3)"));
            } catch (IOException e) {
                return false;
            }
        }, "the third node takes settlement up");
        System.out.printf("cluster failover after kill -9: %s leads %.2f s after%n", third.name, thirdAfter);
        assertTrue(thirdAfter <= 10, "leader within 10 s of kill -9: " + thirdAfter);
    }

    @Test
    void theLeaderDiesMidClearingWhilePurchasesFlowAndTheDateIsClearedOnceWithEveryApproval() throws Exception {
        threeNodes(MONDAY.atTime(22, 50).atZone(SHANGHAI).toInstant(), "clearing-recorded");
        ChildHost a = nodes.get(0);
        ChildHost b = nodes.get(1);
        ChildHost c = nodes.get(2);

        Set<String> approved = new HashSet<>(purchases(a, 2, 5));
        assertEquals(10, approved.size(), "a approves");
        try (Load load = new Load(List.of(b, c), 2)) {
            await(Duration.ofSeconds(20), () -> load.approved() >= 40 || !load.failures().isEmpty(), "purchases flow at b and c");
            assertEquals(List.of(), load.failures(), "purchases at b and c");
            CompletableFuture<HttpResponse<String>> move = a.call("POST", "/api/clock/set", clockBody(MONDAY.atTime(23, 0, 30).atZone(SHANGHAI).toInstant()));
            assertTrue(a.process.waitFor(60, TimeUnit.SECONDS), "a stops itself in clearing, its rows written and not committed");
            long died = System.nanoTime();
            assertEquals(137, a.process.exitValue());
            move.exceptionally(e -> null).join();
            assertEquals(0, count("SELECT count(*) FROM clearing_runs"), "the dead leader's clearing left nothing behind");
            int before = load.approved();

            await(Duration.ofSeconds(10), () -> leader().epoch() == 2, "another node leads within 10 s");
            double electedAfter = (System.nanoTime() - died) / 1e9;
            await(Duration.ofSeconds(20), () -> count("SELECT count(*) FROM clearing_runs") == 1, "the new leader clears the date");
            double clearedAfter = (System.nanoTime() - died) / 1e9;
            await(Duration.ofSeconds(20), () -> load.approved() >= before + 40, "purchases still flow at b and c after the failover");
            load.stop();
            approved.addAll(load.rrns());
            System.out.printf("clearing failover: new leader %s %.2f s after the leader died in clearing, date cleared %.2f s after; %d approvals%n",
                    leader().node(), electedAfter, clearedAfter, approved.size());
            assertEquals(List.of(), load.failures(), "no purchase at the surviving nodes failed");
        }

        String monday = "DATE '" + MONDAY + "'";
        assertEquals(1, count("SELECT count(*) FROM clearing_runs WHERE business_date = " + monday), "Monday cleared once");
        assertEquals(0, count("SELECT count(*) FROM clearing_runs WHERE business_date <> " + monday), "and nothing else cleared");
        long ledgerCount = count("SELECT count(*) FROM transactions WHERE business_date = " + monday + " AND status = 'APPROVED' AND kind = 'PURCHASE'");
        long ledgerAmount = count("SELECT sum(amount) FROM transactions WHERE business_date = " + monday + " AND status = 'APPROVED' AND kind = 'PURCHASE'");
        assertTrue(ledgerCount >= 50, "Monday's purchases: " + ledgerCount);
        assertEquals(ledgerCount, count("SELECT sum(sales_count) FROM clearing WHERE business_date = " + monday),
                "clearing counts every approved purchase of the date, no more (no late capture slipped in)");
        assertEquals(ledgerAmount, count("SELECT sum(sales_amount) FROM clearing WHERE business_date = " + monday), "clearing's sales amount");
        assertEquals(ledgerCount, count("SELECT transactions FROM clearing_runs WHERE business_date = " + monday));
        assertTrue(count("SELECT count(*) FROM transactions WHERE business_date > " + monday) > 0, "purchases after the cutover belong to Tuesday");
        assertEquals(approved, rrns("SELECT rrn FROM transactions WHERE status = 'APPROVED'"), "every approval the terminals saw is in the ledger, no other");

        Leader next = leader();
        ChildHost now = next.node().equals("b") ? b : c;
        assertEquals(1, logLines(now.data).filter(l -> l.contains("cleared business date " + MONDAY)).count(), "the new leader cleared Monday once");
        assertTrue(logLines(a.data).noneMatch(l -> l.contains("cleared business date")), "the dead leader never finished clearing");

        setClock(now, MONDAY.plusDays(1).atTime(10, 0, 30).atZone(SHANGHAI).toInstant());
        long payouts = count("SELECT count(*) FROM payouts WHERE business_date = " + monday);
        assertEquals(count("SELECT count(DISTINCT mid) FROM transactions WHERE business_date = " + monday), payouts, "a payout per merchant");
        await(Duration.ofSeconds(20), () -> count("SELECT count(*) FROM payouts WHERE status = 'PAID'") == payouts, "Monday's payouts are paid");
        assertEquals(payouts, count("SELECT count(*) FROM bank_receipts"), "each payout credited once at the bank");
        assertEquals(0, count("SELECT count(*) FROM payouts p WHERE net <> (SELECT sum(amount) FROM bank_receipts r WHERE r.payout_id = p.id)"),
                "with its net");
    }

    /**
     * Purchases in a loop at each node until stopped, from {@code perNode} terminals each (TIDs from T0000101, merchants
     * the registry's merchant of each), one request at a time per terminal, paced so nodes see moments with nothing in flight.
     */
    static final class Load implements AutoCloseable {
        private final List<Thread> workers = new ArrayList<>();
        private final Set<String> rrns = ConcurrentHashMap.newKeySet();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        Load(List<ChildHost> targets, int perNode) {
            int n = 100;
            for (ChildHost target : targets) {
                for (int i = 0; i < perNode; i++) {
                    n++;
                    String tid = String.format("T%07d", n);
                    RequestFactory rf = new RequestFactory(Profile.ISO87A, tid, String.format("M%014d", (n - 1) % 10 + 1), Clock.systemUTC(), SHANGHAI);
                    workers.add(Thread.ofPlatform().daemon().name("load-" + tid).start(() -> buy(target, rf)));
                }
            }
        }

        private void buy(ChildHost target, RequestFactory rf) {
            try (TerminalLink link = new TerminalLink("127.0.0.1", target.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(10))) {
                for (int stan = 1; running; stan++) {
                    ISOMsg r = link.exchange(rf.cardPurchase(String.format("%06d", stan), -1, 1_000 + stan % 50 * 100, CARD, "2912", "071"));
                    if (r != null && "00".equals(r.getString(39))) rrns.add(r.getString(37));
                    else failures.add(target.name + " STAN " + stan + ": " + (r == null ? "no answer" : r.getString(39)));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));   // pacing, not waiting for anything
                }
            } catch (Exception e) {
                failures.add(target.name + ": " + e);
            }
        }

        int approved() {
            return rrns.size();
        }

        Set<String> rrns() {
            return rrns;
        }

        List<String> failures() {
            return failures;
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : workers) t.join(Duration.ofSeconds(15));
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private Set<String> rrns(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection conn = DriverManager.getConnection(url); Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    record Leader(String node, long epoch) {
    }

    private Leader leader() {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT node, epoch FROM cluster_leader WHERE id = 1")) {
            rs.next();
            return new Leader(rs.getString(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long live() {
        return count("SELECT count(*) FROM cluster_nodes WHERE heartbeat_at > now() - interval '3 seconds'");
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;   // the schema is not migrated yet
        }
    }

    static void await(Duration max, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + max.toSeconds() + " s: " + what);
            Thread.sleep(50);
        }
    }

    /** {@code terminals} terminals each buy {@code each} times (amounts ending in 00: no issuer rule delays or declines them). */
    private static Set<String> purchases(ChildHost node, int terminals, int each) throws Exception {
        Set<String> approved = new HashSet<>();
        for (int n = 1; n <= terminals; n++) {
            RequestFactory rf = new RequestFactory(Profile.ISO87A, String.format("T%07d", n), String.format("M%014d", n), Clock.systemUTC(), SHANGHAI);
            try (TerminalLink link = new TerminalLink("127.0.0.1", node.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(5))) {
                for (int stan = 1; stan <= each; stan++) {
                    ISOMsg r = link.exchange(rf.cardPurchase(String.format("%06d", stan), -1, 1_000 + stan * 100, CARD, "2912", "071"));
                    if (r != null && "00".equals(r.getString(39))) approved.add(r.getString(37));
                }
            }
        }
        return approved;
    }

    private static Stream<String> logLines(Path data) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data.resolve("log"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                try {
                    out.addAll(Files.readAllLines(p));
                } catch (IOException e) {
                    // a binary or rotated file: not the application log
                }
            }
        }
        return out.stream();
    }

    /**
     * Nodes a, b and c on a fresh schema, on a manual clock standing at {@code start}: a first, stopping itself at
     * {@code crashAt} ({@code -Dacqsim.crash-at}), and leading once it is up; then b and c, until all three heartbeat.
     */
    private void threeNodes(Instant start, String crashAt) throws Exception {
        url = TestPostgres.freshSchema();
        nodes.add(ChildHost.on(url).node("a").clock(start).jvm("-Dacqsim.crash-at=" + crashAt).start());
        await(Duration.ofSeconds(30), () -> "a".equals(leader().node()), "a leads once it is up");
        for (String name : List.of("b", "c")) nodes.add(ChildHost.on(url).node(name).clock(start).start());
        await(Duration.ofSeconds(10), () -> live() == 3, "three nodes heartbeat");
    }

    private static void setClock(ChildHost node, Instant to) {
        HttpResponse<String> r = node.call("POST", "/api/clock/set", clockBody(to)).join();
        assertNotNull(r);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String clockBody(Instant to) {
        return "{\"to\":\"" + to.atZone(SHANGHAI).toOffsetDateTime() + "\"}";
    }
}
