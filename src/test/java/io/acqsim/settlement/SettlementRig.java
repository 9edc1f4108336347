package io.acqsim.settlement;

import io.acqsim.config.Backoff;

import io.acqsim.config.SettlementSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.ClockMode;
import io.acqsim.clock.Scheduler;
import io.acqsim.clock.SimClock;
import io.acqsim.config.Registry;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.TransactionRecord;

/**
 * The settlement engine on a real H2 ledger in a temporary directory, the shipped demo registry and a
 * manual clock. Transactions go in through {@link Ledger#record}, as the host writes them.
 */
public final class SettlementRig implements AutoCloseable {
    public static final ZoneId SHANGHAI = PayoutPlanTest.SHANGHAI;
    static final LocalTime CUTOVER = LocalTime.of(23, 0);

    public final Path data;
    public final Ledger ledger;
    public final SimClock clock;
    public final Scheduler scheduler;
    public final Settlement settlement;
    public final Registry registry;
    private final AtomicLong seq = new AtomicLong();

    private SettlementRig(Path data, Instant start, SettlementCalendar calendar, long seed) {
        this.data = data;
        this.ledger = Ledger.open("jdbc:h2:file:" + data.resolve("ledger/acqsim") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 64);
        this.clock = new SimClock(ClockMode.MANUAL, start, SHANGHAI);
        this.scheduler = new Scheduler(clock);
        this.registry = Registry.load(PayoutPlanTest.HOME.resolve("cfg/registry.yml"));
        SettlementSettings s = new SettlementSettings("cn", LocalTime.of(10, 0), LocalTime.of(23, 30),
                new Backoff(Duration.ofMinutes(1), Duration.ofHours(1)), seed);
        this.settlement = new Settlement(s, SHANGHAI, CUTOVER, ledger.dataSource(), registry.merchants().values(), calendar, scheduler,
                data.resolve("clearing"), new SettlementBanks(Set.copyOf(registry.banks()), s.backoff(), seed), new MerchantAccounts());
        settlement.start();
    }

    public static SettlementRig start(Instant at) {
        return start(at, PayoutPlanTest.CN, 1);
    }

    /** A rig on an existing data directory, as a restarted host would be. */
    static SettlementRig reopen(Path data, Instant at) {
        return new SettlementRig(data, at, PayoutPlanTest.CN, 1);
    }

    static SettlementRig start(Instant at, SettlementCalendar calendar, long seed) {
        try {
            return new SettlementRig(Files.createTempDirectory("acqsim-settle-"), at, calendar, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Instant local(String shanghai) {
        return java.time.LocalDateTime.parse(shanghai).atZone(SHANGHAI).toInstant();
    }

    /** Records an approved card or QR sale captured now; returns its RRN. */
    public String sale(String mid, long amount, String channel) {
        return record("PURCHASE", channel, mid, amount, TransactionRecord.APPROVED, null);
    }

    String refund(String mid, long amount, String originalRrn) {
        return record("REFUND", "CARD", mid, amount, TransactionRecord.APPROVED, originalRrn);
    }

    String record(String kind, String channel, String mid, long amount, String status, String originalRrn) {
        long n = seq.incrementAndGet();
        String rrn = String.format("%012d", n);
        Instant now = clock.instant();
        String pc = switch (kind) { case "REFUND" -> "200000"; case "VOID" -> "020000"; default -> "000000"; };
        ledger.record(new TransactionRecord(rrn, kind, channel, "iso87a", "0200", pc, "T0000001", mid, String.format("%06d", n % 1_000_000),
                String.valueOf(n), 1, amount, "156", "051", "622202******1234", status.equals(TransactionRecord.DECLINED) ? "51" : "00",
                "123456", status, originalRrn, 0, BusinessDates.of(now, SHANGHAI, CUTOVER), now));
        return rrn;
    }

    public void advanceTo(String shanghai) {
        scheduler.advanceTo(local(shanghai));
    }

    Payout payout(LocalDate businessDate, String mid) {
        return settlement.payouts().find(Payout.idFor(businessDate, mid)).orElseThrow(() -> new AssertionError("no payout for " + mid + " on " + businessDate));
    }

    @Override
    public void close() {
        scheduler.close();
        ledger.close();
    }
}
