package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.message.BatchTotals;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;

/**
 * Durability across a restart (PRODUCT.md §9): what a host approved is still there when a new host
 * opens the same data directory, retransmissions of pre-restart requests get the original answer,
 * RRNs continue after the old ones, and pre-restart sales can be voided, reversed and settled; on H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class LedgerRestartTest {
    @Parameter
    TestDatabase database;

    private static final String PAN = "6222021234567890123";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void approvedTransactionsSurviveARestart() throws Exception {
        Path data = TestHost.tempData();
        RequestFactory iso = new RequestFactory(Profile.ISO87A, "T0000002", "M00000000000002", Clock.systemUTC(), ZONE);
        RequestFactory cup = new RequestFactory(Profile.CUP, "T0000003", "M00000000000003", Clock.systemUTC(), ZONE);

        ISOMsg p1, p2, p3, p4, c1;
        ISOMsg r1, r2, r3, r4, rc1;
        int batch;
        List<TransactionRecord> before;
        try (TestHost host = TestHost.start(data, database.hostOverrides(data))) {
            try (TerminalLink link = host.connect(Profile.ISO87A)) {
                ISOMsg so = link.exchange(iso.signOn("000001", -1));
                assertEquals("00", so.getString(39));
                batch = Integer.parseInt(so.getString(60));
                r1 = link.exchange(p1 = iso.cardPurchase("000002", batch, 1000, PAN, "2912", "071"));
                r2 = link.exchange(p2 = iso.cardPurchase("000003", batch, 2000, PAN, "2912", "051"));
                r3 = link.exchange(p3 = iso.cardPurchase("000004", batch, 1051, PAN, "2912", "071"));
                r4 = link.exchange(p4 = iso.cardPurchase("000005", batch, 3000, PAN, "2912", "071"));
            }
            try (TerminalLink link = host.connect(Profile.CUP)) {
                ISOMsg so = link.exchange(cup.signOn("000001", 1));
                assertEquals("00", so.getString(39));
                int cupBatch = Integer.parseInt(so.getString(60).substring(2, 8));
                rc1 = link.exchange(c1 = cup.cardPurchase("000002", cupBatch, 4500, PAN, "2912", "071"));
            }
            assertEquals("00", r1.getString(39));
            assertEquals("00", r2.getString(39));
            assertEquals("51", r3.getString(39));
            assertEquals("00", r4.getString(39));
            assertEquals("00", rc1.getString(39));
            before = host.services().ledger().transactions();
            assertEquals(5, before.size());
        }

        try (TestHost host = TestHost.start(data, database.hostOverrides(data))) {
            Ledger ledger = host.services().ledger();
            // 1. everything is still there, as it was
            Map<String, TransactionRecord> after = byRrn(ledger.transactions());
            assertEquals(byRrn(before), after, "the ledger changed across the restart");
            assertEquals(TransactionStatus.APPROVED, after.get(r1.getString(37)).status());
            assertEquals(TransactionStatus.DECLINED, after.get(r3.getString(37)).status());

            long oldMax = before.stream().mapToLong(t -> Long.parseLong(t.rrn())).max().orElseThrow();
            try (TerminalLink link = host.connect(Profile.ISO87A)) {
                // 2. retransmissions of pre-restart requests get the original answers, no second charge
                assertSameAnswer(r1, link.exchange(p1));
                assertSameAnswer(r3, link.exchange(p3));
                assertEquals(5, ledger.transactions().size(), "a retransmission was recorded again");

                // 3. new RRNs continue after the old ones
                ISOMsg r5 = link.exchange(iso.cardPurchase("000006", batch, 1500, PAN, "2912", "071"));
                assertEquals("00", r5.getString(39), "new purchase after restart");
                assertTrue(Long.parseLong(r5.getString(37)) > oldMax, "RRN " + r5.getString(37) + " does not follow " + oldMax);
                ISOMsg r6 = link.exchange(iso.cardPurchase("000007", batch, 1505, PAN, "2912", "071"));
                assertEquals("05", r6.getString(39));
                assertTrue(Long.parseLong(r6.getString(37)) > Long.parseLong(r5.getString(37)));

                // 4. a void of a pre-restart sale
                ISOMsg v = link.exchange(iso.voidSale("000008", batch, 3000, r4.getString(37)));
                assertEquals("00", v.getString(39), "void of a pre-restart sale");
                assertEquals(TransactionStatus.VOIDED, ledger.byRrn(r4.getString(37)).orElseThrow().status());

                // 5. a reversal of a pre-restart sale
                ISOMsg rev = link.exchange(iso.reversal(p2, false));
                assertEquals("00", rev.getString(39), "reversal of a pre-restart sale");
                assertEquals(TransactionStatus.REVERSED, ledger.byRrn(r2.getString(37)).orElseThrow().status());

                // 6. the batch spans the restart: sale 1 (before) + sale 5 (after); voided, reversed, declined excluded
                ISOMsg s = link.exchange(iso.settle("000009", batch, new BatchTotals(2, 1000 + 1500, 0, 0)));
                assertEquals("00", s.getString(39), "settlement of a batch opened before the restart: " + s.getString(63));
            }
            try (TerminalLink link = host.connect(Profile.CUP)) {
                assertSameAnswer(rc1, link.exchange(c1));
            }
            assertEquals(5 + 2 + 1, ledger.transactions().size(), "purchase, decline and void after the restart");
        }
    }

    private static void assertSameAnswer(ISOMsg original, ISOMsg replay) {
        assertNotNull(replay, "no answer to a retransmission");
        assertEquals(original.getString(39), replay.getString(39), "response code of the retransmission");
        assertEquals(original.getString(37), replay.getString(37), "RRN of the retransmission");
        assertEquals(original.getString(38), replay.getString(38), "auth code of the retransmission");
    }

    private static Map<String, TransactionRecord> byRrn(List<TransactionRecord> l) {
        return l.stream().collect(Collectors.toMap(TransactionRecord::rrn, Function.identity()));
    }
}
