package io.acqsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.acqsim.iso.Profile;
import io.acqsim.ledger.TransactionRecord;

/**
 * Field 15 and the ledger's business date follow the 23:00 Asia/Shanghai cutover: a capture from 23:00
 * local on belongs to the next business date. The host runs on a clock the test sets.
 */
class BusinessDateTest {
    private static final AtomicInteger NEXT_TERMINAL = new AtomicInteger(10);
    private static TestHost host;

    @BeforeAll
    static void start() {
        host = TestHost.startManual(TestHost.tempData(), local("2026-03-09T12:00:00"));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** In time order: the clock never moves backwards, so each case advances it (running the cutovers between). */
    static Stream<Arguments> captures() {
        return Stream.of(
                new String[] {"2026-03-10T00:00:00", "0310", "0310"},
                new String[] {"2026-03-10T22:59:59", "0310", "0310"},
                new String[] {"2026-03-10T23:00:00", "0310", "0311"},
                new String[] {"2026-03-10T23:30:00", "0310", "0311"},
                new String[] {"2026-12-31T23:30:00", "1231", "0101"},
                new String[] {"2028-02-28T23:45:00", "0228", "0229"})
                .flatMap(c -> Stream.of(Profile.values()).map(p -> Arguments.of(p, c[0], c[1], c[2])));
    }

    private static Instant local(String shanghai) {
        return LocalDateTime.parse(shanghai).atZone(TestTerminal.SHANGHAI).toInstant();
    }

    @ParameterizedTest(name = "{0} at {1} local: 13={2}, 15={3}")
    @MethodSource("captures")
    void businessDateFollowsTheCutover(Profile p, String localTime, String captureMmdd, String businessMmdd) throws Exception {
        LocalDateTime local = LocalDateTime.parse(localTime);
        Instant at = local(localTime);
        if (at.isAfter(host.clock().instant())) host.services().scheduler().advanceTo(at);
        try (TestTerminal t = new TestTerminal(host, p, NEXT_TERMINAL.getAndIncrement(), host.clock())) {
            ISOMsg sale = t.purchaseRequest(1_000, "051");
            ISOMsg r = t.exchange(sale);
            assertEquals("00", r.getString(39));
            assertEquals(captureMmdd, r.getString(13), "13 is the local capture date");
            assertEquals(DateTimeFormatter.ofPattern("HHmmss").format(local), r.getString(12), "12 is the local capture time");
            assertEquals(businessMmdd, r.getString(15), "15 is the business date");
            TransactionRecord row = t.recorded(sale);
            LocalDate expected = local.toLocalDate().plusDays(businessMmdd.equals(captureMmdd) ? 0 : 1);
            assertEquals(expected, row.businessDate());
            assertEquals(at, row.capturedAt());
        }
    }
}
