package io.acqsim.payout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Merchant-side obstacles: a frozen account holds payouts until the freeze ends (or is lifted); an
 * invalid account makes the bank return the payout, which waits until the account is corrected.
 */
public final class MerchantAccounts implements PayoutGate {
    /** A freeze of a merchant's account; {@code to} null means until lifted. */
    public record Freeze(String merchantId, Instant from, Instant to, String detail, String faultId) {
    }

    /** A merchant's account number is wrong from {@code from} until corrected. */
    public record Invalid(String merchantId, Instant from, String detail, String faultId) {
    }

    private final List<Freeze> freezes = new CopyOnWriteArrayList<>();
    private final Map<String, Invalid> invalid = new ConcurrentHashMap<>();

    public void freeze(Freeze f) {
        if (f.to() != null && !f.to().isAfter(f.from())) throw new IllegalArgumentException("freeze of " + f.merchantId() + ": 'to' must be after 'from'");
        freezes.add(f);
    }

    public void markInvalid(Invalid i) {
        invalid.put(i.merchantId(), i);
    }

    /** The account was corrected: nothing about it is invalid any more. True if it was. */
    public boolean corrected(String merchantId) {
        return invalid.remove(merchantId) != null;
    }

    /** Lifts every freeze of a fault activation. */
    public void remove(String faultId) {
        freezes.removeIf(f -> faultId.equals(f.faultId()));
        invalid.values().removeIf(i -> faultId.equals(i.faultId()));
    }

    public List<Freeze> freezes() { return new ArrayList<>(freezes); }

    @Override
    public Optional<Obstacle> check(Payout p, Instant at) {
        for (Freeze f : freezes) {
            if (f.merchantId().equals(p.merchantId()) && !at.isBefore(f.from()) && (f.to() == null || at.isBefore(f.to()))) {
                return Optional.of(new Obstacle(ReasonCode.ACCOUNT_FROZEN, PayoutStatus.HELD, f.to(), f.detail(), f.faultId()));
            }
        }
        Invalid i = invalid.get(p.merchantId());
        if (i != null && !at.isBefore(i.from())) {
            return Optional.of(new Obstacle(ReasonCode.INVALID_ACCOUNT, PayoutStatus.RETURNED, null, i.detail(), i.faultId()));
        }
        return Optional.empty();
    }
}
