package io.acqsim.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/**
 * A ledger in a child JVM for {@link JournalKillTest}: writes a known set of changes, prints how far it
 * got, and waits to be killed. {@code held}: the tables are locked so nothing is applied — every write
 * is in the journal only. {@code applied}: every write is applied and the journal still holds it.
 */
public final class LedgerChild {
    static final int PURCHASES = 1_000;
    static final String TID = "T0000001";
    static final String MID = "M00000000000001";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean hold = args[1].equals("held");
        LedgerSettings settings = LedgerSettings.h2(dir);
        Ledger ledger = Ledger.open(settings);
        Connection blocker = null;
        if (hold) {
            blocker = DriverManager.getConnection(settings.url(), "sa", "");
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 600000");
                s.executeQuery("SELECT applied_seq FROM ledger_journal WHERE id = 1 FOR UPDATE").close();
            }
        }
        write(ledger);
        if (!hold) ledger.awaitApplied();
        System.out.println((hold ? "held " : "applied ") + ledger.figures().behind());
        System.out.flush();
        Thread.sleep(600_000);
        if (blocker != null) blocker.close();
    }

    /** 1,000 purchases of 100.00, then a void of the first, a refund of 30.00 of the second and a reversal of the third. */
    static void write(Ledger ledger) {
        ledger.ensureTerminal(TID, MID, Instant.now());
        for (int i = 1; i <= PURCHASES; i++) ledger.record(purchase(i));
        ledger.record(follow(MessageKind.VOID, 1_001, rrn(1), 10_000));
        ledger.record(follow(MessageKind.REFUND, 1_002, rrn(2), 3_000));
        TransactionRecord third = ledger.byRrn(rrn(3)).orElseThrow();
        ledger.reverse(new Reversal(TID, "001003", "0400", TID + "|000003|1122143000", 10_000, ReversalEffect.REVERSED, ResponseCode.APPROVED,
                Instant.now(), third));
    }

    static String rrn(int n) {
        return "%012d".formatted(n);
    }

    private static TransactionRecord purchase(int n) {
        return new TransactionRecord(rrn(n), MessageKind.PURCHASE, Channel.CARD, "iso87a", "0200", "000000", TID, MID, "%06d".formatted(n),
                "1122143000", 1, 10_000, "156", "071", "622202******0123", ResponseCode.APPROVED, "123456", TransactionStatus.APPROVED, null, 0,
                LocalDate.of(2026, 12, 1), Instant.now());
    }

    private static TransactionRecord follow(MessageKind kind, int n, String original, long amount) {
        return new TransactionRecord(rrn(n), kind, Channel.CARD, "iso87a", "0200", kind == MessageKind.VOID ? "020000" : "200000", TID, MID,
                "%06d".formatted(n), "1122143000", 1, amount, "156", null, "622202******0123", ResponseCode.APPROVED, "123456",
                TransactionStatus.APPROVED, original, 0, LocalDate.of(2026, 12, 1), Instant.now());
    }
}
