package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.host.TestHost;
import io.acqsim.message.BatchTotals;

/**
 * {@code kill -9} on either side of the journal's apply: with every write in the journal and none in
 * the tables, and with every write applied but still in the journal. Either way the reopened ledger
 * holds each write exactly once, with the void, refund and reversal applied to their originals.
 */
@Tag("slow")
class JournalKillTest {

    @Test
    void writesOnlyInTheJournalAreAppliedAtOpen() throws Exception {
        Path dir = killed("held");
        assertEquals(1_004, lastLine.split(" ").length == 2 ? Long.parseLong(lastLine.split(" ")[1]) : -1,
                "the child's writes were all in the journal and none applied when it was killed (plus the terminal's state)");
        assertTrue(journalBytes(dir) > 1_000 * 100L, "the journal held them: " + journalBytes(dir) + " bytes");
        checkReopened(dir);
    }

    @Test
    void writesAppliedButStillInTheJournalAreNotAppliedTwice() throws Exception {
        Path dir = killed("applied");
        assertEquals("applied 0", lastLine);
        assertTrue(journalBytes(dir) > 0, "the applied entries are still in the journal's segment");
        checkReopened(dir);
    }

    private String lastLine;

    private Path killed(String mode) throws Exception {
        Path dir = TestHost.tempData().resolve("ledger");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerChild.class.getName(), dir.toString(), mode)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(mode + " ")) {
                    lastLine = line;
                    break;
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(lastLine != null, "the child wrote its changes");
        return dir;
    }

    private static void checkReopened(Path dir) {
        try (Ledger ledger = Ledger.open(LedgerSettings.h2(dir))) {
            Map<TransactionStatus, Long> counts = ledger.countByStatus();
            assertEquals(Map.of(TransactionStatus.APPROVED, 1_000L, TransactionStatus.VOIDED, 1L, TransactionStatus.REVERSED, 1L), counts,
                    "998 sales + the void + the refund approved, one sale voided, one reversed: each once");
            assertEquals(1, ledger.reversalCount());
            assertEquals(3_000, ledger.byRrn(LedgerChild.rrn(2)).orElseThrow().refundedAmount());
            assertEquals(new BatchTotals(998, 998 * 10_000L, 1, 3_000), ledger.batchTotals(LedgerChild.TID, 1));
            assertEquals(TransactionStatus.APPROVED, ledger.transactions().stream()
                    .collect(Collectors.toMap(TransactionRecord::rrn, TransactionRecord::status)).get(LedgerChild.rrn(1_000)));
        }
        assertEquals(0, journalBytes(dir), "a fully applied journal is removed at close");
    }

    private static long journalBytes(Path dir) {
        Path journal = dir.resolve("journal");
        if (!Files.isDirectory(journal)) return 0;
        try (Stream<Path> s = Files.list(journal)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
