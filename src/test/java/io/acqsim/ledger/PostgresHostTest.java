package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.acqsim.clock.ClockMode;
import io.acqsim.host.TestHost;
import io.acqsim.iso.Profile;
import io.acqsim.payout.Payout;
import io.acqsim.payout.PayoutQuery;
import io.acqsim.payout.PayoutStatus;
import io.acqsim.terminal.EmulatedTerminal;
import io.acqsim.terminal.RequestFactory;
import io.acqsim.terminal.TerminalLink;
import io.acqsim.terminal.TerminalState;

/**
 * End to end on PostgreSQL: a real host whose ledger is on the configured server takes purchases, a void and a refund
 * from emulated terminals over real sockets, restarts, takes more, clears and pays out on its manual clock — and
 * ends with exactly the transactions (but for the issuer's random approval codes) and payouts the same input gives a host on H2. Skipped without a server
 * (ACQSIM_TEST_PG).
 */
@Tag("slow")
class PostgresHostTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant WED_2026_11_18_0900 = OffsetDateTime.parse("2026-11-18T09:00:00+08:00").toInstant();
    static final String PAN = "6222021234567890123";

    /** What a run leaves: every transaction, oldest first, and every payout with its reasons and parts. */
    record Outcome(List<TransactionRecord> transactions, List<Payout> payouts) {
    }

    @Test
    void aHostOnPostgresqlKeepsItsApprovalsAcrossARestartAndPaysWhatAHostOnH2Pays() throws Exception {
        TestPostgres.requireUrl();
        Outcome postgres = run(TestDatabase.POSTGRESQL);
        Outcome h2 = run(TestDatabase.H2);

        assertEquals(withoutAuthCodes(h2.transactions()), withoutAuthCodes(postgres.transactions()));
        assertEquals(h2.payouts(), postgres.payouts());
        assertEquals(4, postgres.payouts().size(), postgres.payouts().toString());
        assertTrue(postgres.payouts().stream().allMatch(p -> p.status() == PayoutStatus.PAID), postgres.payouts().toString());
    }

    private static Outcome run(TestDatabase database) throws Exception {
        Path data = TestHost.tempData();
        Map<String, String> onDatabase = database.hostOverrides(data);
        List<TransactionRecord> before;
        try (TestHost host = TestHost.start(data, onDatabase, ClockMode.MANUAL, WED_2026_11_18_0900)) {
            for (int n : new int[] {1, 2, 9, 10}) {   // T1 PSBC (iso87a), T1 (cup), D1 ICBC, D0 ICBC
                try (EmulatedTerminal t = terminal(host, n)) {
                    assertEquals("00", t.signOn().responseCode());
                    String sale = t.cardPurchase(100_00 + n, PAN, "2912", "051").rrn();
                    assertEquals("00", t.qrPurchase(50_00, "6225880123456789012").responseCode());
                    assertEquals("51", t.cardPurchase(1_51, PAN, "2912", "051").responseCode(), "the issuer declines amounts ending 51");
                    String voided = t.cardPurchase(7_00, PAN, "2912", "051").rrn();
                    assertEquals("00", t.voidSale(voided).responseCode());
                    assertEquals("00", t.refund(20_00, sale).responseCode());
                }
            }
            before = host.services().ledger().transactions();
        }
        try (TestHost host = TestHost.start(data, onDatabase, ClockMode.MANUAL, WED_2026_11_18_0900.plus(Duration.ofHours(1)))) {
            Ledger ledger = host.services().ledger();
            assertEquals(before, ledger.transactions(), "the restart changed the ledger");
            try (EmulatedTerminal t = terminal(host, 1)) {
                assertEquals("00", t.signOn().responseCode());
                assertEquals("00", t.cardPurchase(300_00, PAN, "2912", "051").responseCode());
            }
            host.services().scheduler().advanceBy(Duration.ofDays(3));
            List<Payout> payouts = new ArrayList<>(host.services().settlement().payouts().list(PayoutQuery.ALL, host.clock().instant()));
            return new Outcome(ledger.transactions(), payouts);
        }
    }

    /** The transactions as text, each approval code (drawn at random by the issuer) left out. */
    private static List<String> withoutAuthCodes(List<TransactionRecord> transactions) {
        return transactions.stream().map(t -> t.toString().replaceFirst("authCode=\\w+", "authCode=?")).toList();
    }

    private static EmulatedTerminal terminal(TestHost host, int n) {
        Profile p = n % 2 == 0 ? Profile.CUP : Profile.ISO87A;
        RequestFactory rf = new RequestFactory(p, String.format("T%07d", n), String.format("M%014d", n), host.clock(), SHANGHAI);
        return new EmulatedTerminal(TerminalLink.connector("127.0.0.1", host.port(p), p, TestHost.PACKAGERS, Duration.ofSeconds(5)), rf,
                TerminalState.inMemory());
    }
}
