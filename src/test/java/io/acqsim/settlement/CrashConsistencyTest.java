package io.acqsim.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.admin.AdminToken;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.MessageKind;
import io.acqsim.payout.BankReceipts;
import io.acqsim.payout.DelayReason;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Crash consistency (issue 14): a host in a child JVM on a manual clock is killed with SIGKILL twenty
 * times on one data directory over a simulated week, at random moments of three kinds — under load, while
 * the clock crosses the 23:00 cutover (clearing), and while it crosses 10:00 (the payout run) — and twice
 * stopped by {@code -Dacqsim.crash-at=payout-credited} exactly between the bank's credit and the ledger's
 * PAID. Each restart starts where the clock was going. At the end: every approval a terminal saw is in the
 * ledger; every business date with sales was cleared and every payout paid, each credited once at the bank
 * (the receipt log) with the payout's net; the credits found after the two precise crashes were recorded,
 * not sent again; and each payout's delay reasons add up to its delay, end to end.
 */
@Tag("slow")
class CrashConsistencyTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String CARD = "6222021234567890123";
    /** Rounds of the PAYOUT kind that stop at the crash point instead of a random kill. */
    static final Set<Integer> PRECISE = Set.of(6, 15);

    enum Kind { LOAD, CLEARING, PAYOUT }

    final Random random = new Random(Long.getLong("acqsim.crash.seed", 14));
    final Set<String> approved = ConcurrentHashMap.newKeySet();
    Path data;
    int stanBase = 0;

    @Test
    void twentyKillsLoseNoApprovalPayNothingTwiceAndKeepTheDelayReasonsWhole() throws Exception {
        data = TestHost.tempData();
        Instant clock = MONDAY.atTime(12, 0).atZone(SHANGHAI).toInstant();
        int kills = 0;
        for (int round = 1; round <= 20; round++) {
            Kind kind = Kind.values()[(round - 1) % 3];
            LocalDate day = MONDAY.plusDays((round - 1) / 3);
            boolean precise = kind == Kind.PAYOUT && PRECISE.contains(round);
            Child host = Child.start(data, clock, precise);
            if (host == null) {   // a precise crash on the way up (a payout due at start): it happened
                kills++;
                continue;
            }
            try {
                switch (kind) {
                    case LOAD -> {
                        Instant noon = day.atTime(12, 0).atZone(SHANGHAI).toInstant();
                        if (clock.isBefore(noon)) host.setClock(noon);
                        clock = noon;
                        underLoad(host, random.nextInt(1000));
                    }
                    case CLEARING -> {
                        clock = day.atTime(23, 0, 30).atZone(SHANGHAI).toInstant();
                        whileMovingTheClock(host, clock, random.nextInt(400), false);
                    }
                    case PAYOUT -> {
                        clock = day.plusDays(1).atTime(10, 0, 30).atZone(SHANGHAI).toInstant();
                        whileMovingTheClock(host, clock, random.nextInt(300), precise);
                    }
                }
            } finally {
                host.process.destroyForcibly();   // whatever failed, no host outlives its round
            }
            kills++;
        }
        assertEquals(20, kills);

        Instant end = MONDAY.plusDays(10).atTime(12, 0).atZone(SHANGHAI).toInstant();   // every payout of the week is due by then
        Child last = Child.start(data, end, false);
        assertNotNull(last, "the host comes up after the last kill");
        try {
            last.stop();
        } finally {
            last.process.destroyForcibly();
        }
        verify(end);
    }

    /** Ten terminals buy as fast as they can (amounts ending in 00: no issuer rule delays or declines them); killed {@code millis} after twenty approvals. */
    private void underLoad(Child host, int millis) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        int base = stanBase;
        stanBase += 100_000;
        int before = approved.size();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 1; n <= 10; n++) {
                String tid = String.format("T%07d", n);
                String mid = String.format("M%014d", n);
                pool.submit(() -> {
                    RequestFactory rf = new RequestFactory(Profile.ISO87A, tid, mid, Clock.systemUTC(), SHANGHAI);
                    try (TerminalLink link = new TerminalLink("127.0.0.1", host.port, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(5))) {
                        for (int stan = base + 1; !killed.get(); stan++) {
                            ISOMsg r = link.exchange(rf.cardPurchase(String.format("%06d", stan % 1_000_000), -1, 1_000 + stan % 40 * 100, CARD, "2912", "071"));
                            if (r != null) answers.merge(r.getString(39), 1, Integer::sum);
                            if (r != null && "00".equals(r.getString(39))) approved.add(r.getString(37));
                        }
                    } catch (Exception e) {
                        if (!killed.get()) answers.merge(e.toString(), 1, Integer::sum);   // otherwise: the connection died with the host
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (approved.size() < before + 20 && System.nanoTime() < deadline) Thread.sleep(5);   // the load is running
            if (approved.size() < before + 20) {
                Path dump = data.resolve("stuck-host-threads.txt");
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(host.process.pid()),
                        "Thread.dump_to_file", dump.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);   // virtual threads too
                throw new AssertionError("the terminals get no approvals (answers by code: " + answers + "); the host's threads: " + dump);
            }
            Thread.sleep(millis);   // the kill's moment is the point of the test: a random instant, not a condition
            host.kill();
            killed.set(true);
        }
    }

    /** Asks the host to move its clock to {@code to} and kills it {@code millis} later (or waits for its own crash). */
    private void whileMovingTheClock(Child host, Instant to, int millis, boolean precise) throws Exception {
        CompletableFuture<HttpResponse<String>> move = host.post("/api/clock/set", "{\"to\":\"" + to.atZone(SHANGHAI).toOffsetDateTime() + "\"}");
        if (precise) {
            assertTrue(host.process.waitFor(60, TimeUnit.SECONDS), "the host stops itself at the crash point during the payout run");
            assertEquals(137, host.process.exitValue());
        } else {
            Thread.sleep(millis);   // a random instant of the clearing or the payout run
            host.kill();
        }
        move.exceptionally(e -> null).join();
    }

    private void verify(Instant end) throws Exception {
        List<Payout> payouts;
        List<BankReceipts.Receipt> receipts;
        try (SettlementRig rig = SettlementRig.reopen(data, end)) {   // the ledger and the bank's log as the host left them
            Map<String, TransactionRecord> stored = new HashMap<>();
            for (TransactionRecord t : rig.ledger.transactions()) stored.put(t.rrn(), t);
            assertTrue(approved.size() >= 200, "the load ran: " + approved.size() + " approvals");
            for (String rrn : approved) {
                TransactionRecord t = stored.get(rrn);
                assertNotNull(t, "approval " + rrn + " was lost by a kill");
                assertEquals(TransactionStatus.APPROVED, t.status());
            }
            payouts = rig.settlement.payouts().list(PayoutQuery.ALL, end);
            Set<String> sold = new HashSet<>();
            for (TransactionRecord t : stored.values()) {
                if (t.kind() == MessageKind.PURCHASE && t.status() == TransactionStatus.APPROVED) sold.add(Payout.idFor(t.businessDate(), t.mid()));
            }
            Set<String> made = new HashSet<>();
            for (Payout p : payouts) made.add(p.id());
            assertEquals(sold, made, "every business date with sales was cleared into a payout per merchant, none twice");
            receipts = rig.settlement.banks().receipts().all();
        }
        Map<String, Long> creditedPerPayout = new HashMap<>();
        for (BankReceipts.Receipt r : receipts) creditedPerPayout.merge(r.payoutId(), r.amount(), Long::sum);
        for (Payout p : payouts) {
            assertEquals(PayoutStatus.PAID, p.status(), p.id() + " paid by " + end);
            assertEquals(p.net(), creditedPerPayout.getOrDefault(p.id(), 0L), p.id() + ": the bank credited its net exactly once");
            assertEquals(p.delay(), reasonsTotal(p), p.id() + ": the delay reasons add up to the delay: " + p.reasons());
            Instant at = p.promisedAt();
            for (DelayReason r : p.reasons()) {
                assertEquals(at, r.from(), p.id() + ": reasons end to end from the promise: " + p.reasons());
                at = r.to();
            }
        }
        assertEquals(payouts.size(), receipts.size(), "one credit per payout");
        long recognised;
        try (Stream<Path> logs = Files.walk(data.resolve("log"))) {
            recognised = logs.filter(Files::isRegularFile).flatMap(CrashConsistencyTest::lines).filter(l -> l.contains("not paid again")).count();
        }
        assertTrue(recognised >= PRECISE.size(), "each precise crash left a credit the restarted host recognised: " + recognised);
    }

    private static Duration reasonsTotal(Payout p) {
        Duration sum = Duration.ZERO;
        for (DelayReason r : p.reasons()) sum = sum.plus(Duration.between(r.from(), r.to()));
        return sum;
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream();
        } catch (IOException e) {
            return Stream.of();   // a binary or rotated file: not the application log
        }
    }

    /** The host in a child JVM ({@code io.acqsim.bench.HostMain}) on a manual clock. */
    static final class Child {
        final Process process;
        final int port;
        final int admin;
        final String token;

        private Child(Process process, int port, int admin, String token) {
            this.process = process;
            this.port = port;
            this.admin = admin;
            this.token = token;
        }

        /** The started host, or null when it stopped itself at its crash point before it was ready. */
        static Child start(Path data, Instant clock, boolean crashAfterCredit) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            if (crashAfterCredit) cmd.add("-Dacqsim.crash-at=payout-credited");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.acqsim.bench.HostMain", "--home", TestHost.HOME.toString(),
                    "--data", data.toString(), "--port", "0", "--clock-start", clock.atZone(SHANGHAI).toOffsetDateTime().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().remove(AdminToken.ENV);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int admin = -1;
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("admin ")) admin = Integer.parseInt(line.substring(6).trim());
                if (line.startsWith("ready ")) {
                    int port = Integer.parseInt(line.substring(6).trim());
                    Thread.ofVirtual().start(() -> drain(out));
                    return new Child(p, port, admin, Files.readString(data.resolve(AdminToken.FILE)).strip());
                }
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            if (crashAfterCredit && p.exitValue() == 137) return null;
            throw new AssertionError("the host did not start (exit " + p.exitValue() + "):\n" + seen);
        }

        private static void drain(BufferedReader out) {
            try {
                while (out.readLine() != null) {
                    // keep the child's pipe from filling
                }
            } catch (IOException gone) {
                // the child died
            }
        }

        void setClock(Instant to) throws Exception {
            HttpResponse<String> r = post("/api/clock/set", "{\"to\":\"" + to.atZone(SHANGHAI).toOffsetDateTime() + "\"}").join();
            assertEquals(200, r.statusCode(), r.body());
        }

        CompletableFuture<HttpResponse<String>> post(String path, String body) {
            return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();   // SIGKILL: no shutdown hook, nothing flushed
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        }

        /** SIGTERM: HostMain closes the host (listeners, TransactionManager, ledger) and exits. */
        void stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        }
    }
}
