package io.acqsim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.acqsim.host.TestHost;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;

/** The ledger's reads for the admin API's transaction list and for clearing, on a real H2 ledger and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class LedgerReadsTest {
    static final LocalDate FRI_2026_11_20 = LocalDate.of(2026, 11, 20);
    static final LocalDate SAT_2026_11_21 = LocalDate.of(2026, 11, 21);
    static final LocalDate SUN_2026_11_22 = LocalDate.of(2026, 11, 22);

    @Parameter
    TestDatabase database;

    Ledger ledger;

    @BeforeEach
    void open() throws Exception {
        ledger = Ledger.open(settings());
        record(1, "T0000001", "M00000000000001", TransactionStatus.APPROVED, FRI_2026_11_20);
        record(2, "T0000001", "M00000000000001", TransactionStatus.DECLINED, FRI_2026_11_20);
        record(3, "T0000002", "M00000000000002", TransactionStatus.APPROVED, SAT_2026_11_21);
        record(4, "T0000002", "M00000000000002", TransactionStatus.APPROVED, SUN_2026_11_22);
    }

    /** The ledger the tests run on: one host's (journal) on each database; cluster mode's in {@link LedgerReadsDatabaseTest}. */
    LedgerSettings settings() {
        return database.ledger(TestHost.tempData().resolve("ledger")).withGroupMax(16);
    }

    @AfterEach
    void close() {
        if (ledger != null) ledger.close();
    }

    @Test
    void listIsNewestFirstFilteredAndLimited() {
        assertEquals(List.of("000000000004", "000000000003", "000000000002", "000000000001"), rrns(new TransactionFilter(null, null, null, null, 100)));
        assertEquals(List.of("000000000004", "000000000003"), rrns(new TransactionFilter(null, null, null, null, 2)));
        assertEquals(List.of("000000000002", "000000000001"), rrns(new TransactionFilter("T0000001", null, null, null, 100)));
        assertEquals(List.of("000000000004", "000000000003"), rrns(new TransactionFilter(null, "M00000000000002", null, null, 100)));
        assertEquals(List.of("000000000002", "000000000001"), rrns(new TransactionFilter(null, null, FRI_2026_11_20, null, 100)));
        assertEquals(List.of("000000000002"), rrns(new TransactionFilter(null, null, null, TransactionStatus.DECLINED, 100)));
        assertEquals(List.of("000000000001"), rrns(new TransactionFilter("T0000001", null, FRI_2026_11_20, TransactionStatus.APPROVED, 100)));
    }

    @Test
    void aListedRowIsTheRecordedOne() {
        TransactionRecord listed = ledger.list(new TransactionFilter(null, null, null, TransactionStatus.DECLINED, 1)).getFirst();
        assertEquals(ledger.byRrn("000000000002").orElseThrow(), listed);
        assertEquals(ResponseCode.INSUFFICIENT_FUNDS, listed.responseCode());
    }

    @Test
    void businessDatesWithTransactionsBeforeADate() {
        assertEquals(List.of(FRI_2026_11_20, SAT_2026_11_21), ledger.businessDatesBefore(SUN_2026_11_22));
        assertEquals(List.of(), ledger.businessDatesBefore(FRI_2026_11_20));
    }

    @Test
    void countsPerStatusOnlyTheStatusesPresent() {
        assertEquals(Map.of(TransactionStatus.APPROVED, 3L, TransactionStatus.DECLINED, 1L), ledger.countByStatus());
    }

    private List<String> rrns(TransactionFilter f) {
        return ledger.list(f).stream().map(TransactionRecord::rrn).toList();
    }

    private void record(int n, String tid, String mid, TransactionStatus status, LocalDate businessDate) {
        boolean approved = status == TransactionStatus.APPROVED;
        ledger.record(new TransactionRecord("%012d".formatted(n), MessageKind.PURCHASE, Channel.CARD, "iso87a", "0200", "000000", tid, mid,
                "%06d".formatted(n), "1120100000", 1, 1_000 * n, "156", "071", "622202******0123",
                approved ? ResponseCode.APPROVED : ResponseCode.INSUFFICIENT_FUNDS, approved ? "123456" : null, status, null, 0,
                businessDate, Instant.parse("2026-11-20T02:00:00Z").plusSeconds(n)));
    }
}
