package io.acqsim.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.acqsim.config.Backoff;

/**
 * The emulated settlement banks (PSBC and ICBC in the demo registry), their availability, and what they
 * credited ({@link BankReceipts}, each credit once).
 * An outage (a core-system upgrade) queues payouts until it ends; a link fault makes an attempt fail
 * with the given probability and the payout is retried with backoff. Draws come from one seeded
 * {@link Random}, and jobs run in a fixed order, so a run is repeatable for a seed.
 */
public final class SettlementBanks implements PayoutGate {
    /** A window in which the bank takes no payouts. */
    public record Outage(String bank, Instant from, Instant to, String detail, String faultId) {
    }

    /** A window in which a payout attempt fails with {@code probability}. */
    public record LinkFault(String bank, Instant from, Instant to, double probability, String detail, String faultId) {
    }

    private final Set<String> banks;
    private final Backoff backoff;
    private final Random random;
    private final List<Outage> outages = new CopyOnWriteArrayList<>();
    private final List<LinkFault> linkFaults = new CopyOnWriteArrayList<>();

    private final BankReceipts receipts;

    /** Banks whose receipts live in memory only (tests and benchmarks that never restart the host). */
    public SettlementBanks(Set<String> banks, Backoff backoff, long seed) {
        this(banks, backoff, seed, BankReceipts.inMemory());
    }

    /** @param receipts what the banks credited, each credit id once ({@link BankReceipts#open} for a durable log) */
    public SettlementBanks(Set<String> banks, Backoff backoff, long seed, BankReceipts receipts) {
        this.banks = Set.copyOf(banks);
        this.backoff = backoff;
        this.random = new Random(seed);
        this.receipts = receipts;
    }

    public Set<String> banks() { return banks; }

    /** What the banks credited. */
    public BankReceipts receipts() { return receipts; }

    public void addOutage(Outage o) {
        requireBank(o.bank());
        if (!o.to().isAfter(o.from())) throw new IllegalArgumentException("outage of " + o.bank() + ": 'to' must be after 'from'");
        outages.add(o);
    }

    public void addLinkFault(LinkFault f) {
        requireBank(f.bank());
        if (!f.to().isAfter(f.from())) throw new IllegalArgumentException("link fault of " + f.bank() + ": 'to' must be after 'from'");
        if (!(f.probability() > 0 && f.probability() <= 1)) throw new IllegalArgumentException("link fault probability must be in (0, 1]");
        linkFaults.add(f);
    }

    /** Removes every window of a fault activation; payouts already queued keep their retry time. */
    public void remove(String faultId) {
        outages.removeIf(o -> faultId.equals(o.faultId()));
        linkFaults.removeIf(f -> faultId.equals(f.faultId()));
    }

    public List<Outage> outages() { return new ArrayList<>(outages); }

    public List<LinkFault> linkFaults() { return new ArrayList<>(linkFaults); }

    @Override
    public Optional<Obstacle> check(Payout p, Instant at) {
        for (Outage o : outages) {
            if (o.bank().equals(p.bank()) && !at.isBefore(o.from()) && at.isBefore(o.to())) {
                return Optional.of(new Obstacle(ReasonCode.BANK_OUTAGE, PayoutStatus.QUEUED, o.to(), o.detail(), o.faultId()));
            }
        }
        for (LinkFault f : linkFaults) {
            if (f.bank().equals(p.bank()) && !at.isBefore(f.from()) && at.isBefore(f.to()) && draw() < f.probability()) {
                Instant retry = at.plus(backoff.after(p.attempts() + 1));
                return Optional.of(new Obstacle(ReasonCode.NETWORK_FAULT, PayoutStatus.QUEUED, retry, f.detail(), f.faultId()));
            }
        }
        return Optional.empty();
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private void requireBank(String bank) {
        if (!banks.contains(bank)) throw new IllegalArgumentException("unknown settlement bank '" + bank + "'; known: " + banks);
    }
}
