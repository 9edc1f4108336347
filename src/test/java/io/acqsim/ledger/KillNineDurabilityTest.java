package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * PRODUCT.md §9: {@code kill -9} under load loses no approved transaction. The host runs in a child JVM;
 * ten terminals buy as fast as they can; the host is killed with SIGKILL mid-stream; then every
 * approval a terminal received must be in the ledger, APPROVED, under its RRN — on H2 and on PostgreSQL, where the
 * restarted ledger applies the journal's tail to the server's tables.
 */
@Tag("slow")
@ParameterizedClass
@EnumSource(TestDatabase.class)
class KillNineDurabilityTest {
    @Parameter
    TestDatabase database;

    @Test
    void everyApprovalATerminalSawSurvivesSigkill() throws Exception {
        Path data = TestHost.tempData();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.acqsim.bench.HostMain",
                "--home", TestHost.HOME.toString(), "--data", data.toString(), "--port", "0"));
        database.hostOverrides(data).forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        Process host = new ProcessBuilder(command).redirectErrorStream(true).start();
        Set<String> approved = ConcurrentHashMap.newKeySet();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream()));
            int port = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ready ")) {
                    port = Integer.parseInt(line.substring(6).trim());
                    break;
                }
            }
            assertTrue(port > 0, "the child host started");

            AtomicBoolean killed = new AtomicBoolean();
            int hostPort = port;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 1; n <= 10; n++) {
                    String tid = String.format("T%07d", n);
                    String mid = String.format("M%014d", n);
                    pool.submit(() -> {
                        RequestFactory rf = new RequestFactory(Profile.ISO87A, tid, mid, Clock.systemUTC(), ZoneId.of("Asia/Shanghai"));
                        try (TerminalLink link = new TerminalLink("127.0.0.1", hostPort, Profile.ISO87A, TestHost.PACKAGERS, Duration.ofSeconds(5))) {
                            for (int stan = 1; !killed.get(); stan++) {
                                ISOMsg r = link.exchange(rf.cardPurchase(String.format("%06d", stan), -1, 1_000, "6222021234567890123", "2912", "071"));
                                if (r != null && "00".equals(r.getString(39))) approved.add(r.getString(37));
                            }
                        } catch (Exception expectedWhenKilled) {
                            // the connection dies with the host
                        }
                        return null;
                    });
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (approved.size() < 500 && System.nanoTime() < deadline) Thread.sleep(5);
                host.destroyForcibly();   // SIGKILL: no shutdown hook, no ledger close
                assertTrue(host.waitFor(10, TimeUnit.SECONDS));
                killed.set(true);
            }
        } finally {
            host.destroyForcibly();   // whatever happened above, no child host is left running
        }
        assertTrue(approved.size() >= 500, "load ran: " + approved.size() + " approvals before the kill");

        try (Ledger ledger = Ledger.open(database.ledger(data.resolve("ledger")).withGroupMax(1))) {
            Map<String, TransactionRecord> stored = new java.util.HashMap<>();
            for (TransactionRecord t : ledger.transactions()) stored.put(t.rrn(), t);
            for (String rrn : approved) {
                TransactionRecord t = stored.get(rrn);
                assertTrue(t != null, "approval " + rrn + " was lost by kill -9");
                assertEquals(TransactionStatus.APPROVED, t.status());
            }
        }
    }
}
