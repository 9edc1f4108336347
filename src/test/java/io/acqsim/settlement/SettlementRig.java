package io.acqsim.settlement;

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

import io.acqsim.calendar.Calendars;
import io.acqsim.calendar.SettlementCalendar;
import io.acqsim.clock.BusinessDates;
import io.acqsim.clock.ClockMode;
import io.acqsim.clock.Scheduler;
import io.acqsim.clock.SimClock;
import io.acqsim.config.Backoff;
import io.acqsim.config.Registry;
import io.acqsim.ledger.Ledger;
import io.acqsim.ledger.TestDatabase;
import io.acqsim.ledger.TransactionRecord;
import io.acqsim.ledger.TransactionStatus;
import io.acqsim.message.Channel;
import io.acqsim.message.MessageKind;
import io.acqsim.message.ResponseCode;
import io.acqsim.payout.BankReceipts;
import io.acqsim.payout.MerchantAccounts;
import io.acqsim.payout.Payout;
import io.acqsim.payout.SettlementBanks;

/**
 * The settlement engine on a real ledger (H2 in a temporary directory, or PostgreSQL: {@link TestDatabase}), the
 * shipped demo registry and a manual clock. Transactions go in through {@link Ledger#record}, as the host writes them.
 */
public final class SettlementRig implements AutoCloseable {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Path HOME = Path.of(System.getProperty("acqsim.home", ".")).toAbsolutePath();
    static final SettlementCalendar CN = new SettlementCalendar(Calendars.load(HOME.resolve("cfg/calendars")).get("cn"));
    static final LocalTime CUTOVER = LocalTime.of(23, 0);

    /** The banks' receipt log in the data directory, as the host keeps it. */
    static final String RECEIPTS = "bank/receipts.log";

    public final Path data;
    public final Ledger ledger;
    public final SimClock clock;
    public final Scheduler scheduler;
    public final Settlement settlement;
    public final Registry registry;
    private final AtomicLong seq = new AtomicLong();

    private SettlementRig(TestDatabase database, Path data, Instant start, SettlementCalendar calendar, long seed) {
        this.data = data;
        this.ledger = Ledger.open(database.ledger(data.resolve("ledger")).withGroupMax(64));
        this.clock = new SimClock(ClockMode.MANUAL, start, SHANGHAI);
        this.scheduler = new Scheduler(clock);
        this.registry = Registry.load(HOME.resolve("cfg/registry.yml"));
        SettlementSettings s = new SettlementSettings("cn", LocalTime.of(10, 0), LocalTime.of(23, 30),
                new Backoff(Duration.ofMinutes(1), Duration.ofHours(1)), seed);
        this.settlement = new Settlement(s, SHANGHAI, CUTOVER, ledger, registry.merchants().values(), calendar, scheduler,
                data.resolve("clearing"), new SettlementBanks(Set.copyOf(registry.banks()), s.backoff(), seed, BankReceipts.open(data.resolve(RECEIPTS))),
                new MerchantAccounts());
        settlement.start();
    }

    /** A rig on H2. */
    public static SettlementRig start(Instant at) {
        return start(TestDatabase.H2, at);
    }

    public static SettlementRig start(TestDatabase database, Instant at) {
        return start(database, at, CN, 1);
    }

    /** A rig on H2 on an existing data directory, as a restarted host would be. */
    static SettlementRig reopen(Path data, Instant at) {
        return reopen(TestDatabase.H2, data, at);
    }

    /** A rig on an existing data directory (and its ledger database), as a restarted host would be. */
    static SettlementRig reopen(TestDatabase database, Path data, Instant at) {
        return new SettlementRig(database, data, at, CN, 1);
    }

    static SettlementRig start(TestDatabase database, Instant at, SettlementCalendar calendar, long seed) {
        Path data;
        try {
            data = Files.createTempDirectory("acqsim-settle-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SettlementRig(database, data, at, calendar, seed);
    }

    public static Instant local(String shanghai) {
        return java.time.LocalDateTime.parse(shanghai).atZone(SHANGHAI).toInstant();
    }

    /** Records an approved card or QR sale captured now; returns its RRN. */
    public String sale(String mid, long amount, Channel channel) {
        return record(MessageKind.PURCHASE, channel, mid, amount, TransactionStatus.APPROVED, null);
    }

    String refund(String mid, long amount, String originalRrn) {
        return record(MessageKind.REFUND, Channel.CARD, mid, amount, TransactionStatus.APPROVED, originalRrn);
    }

    String record(MessageKind kind, Channel channel, String mid, long amount, TransactionStatus status, String originalRrn) {
        long n = seq.incrementAndGet();
        String rrn = String.format("%012d", n);
        Instant now = clock.instant();
        String pc = switch (kind) { case REFUND -> "200000"; case VOID -> "020000"; default -> "000000"; };
        ledger.record(new TransactionRecord(rrn, kind, channel, "iso87a", "0200", pc, "T0000001", mid, String.format("%06d", n % 1_000_000),
                String.valueOf(n), 1, amount, "156", "051", "622202******1234",
                status == TransactionStatus.DECLINED ? ResponseCode.INSUFFICIENT_FUNDS : ResponseCode.APPROVED,
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
        settlement.banks().receipts().close();
        ledger.close();
    }
}
